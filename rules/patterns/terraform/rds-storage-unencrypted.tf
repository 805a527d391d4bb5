resource "aws_db_instance" "reporting" {
  identifier          = "reporting"
  engine              = "postgres"
  engine_version      = "16.3"
  instance_class      = "db.t4g.medium"
  allocated_storage   = 100
  username            = "reporting"
  password            = var.reporting_db_password
  # ruleid: patterns.terraform.rds-storage-unencrypted
  storage_encrypted   = false
  skip_final_snapshot = true
}

resource "aws_rds_cluster" "orders" {
  cluster_identifier          = "orders"
  engine                      = "aurora-postgresql"
  master_username             = "orders"
  manage_master_user_password = true
  # ruleid: patterns.terraform.rds-storage-unencrypted
  storage_encrypted           = false
}

resource "aws_db_instance" "app" {
  identifier                  = "app"
  engine                      = "mysql"
  instance_class              = "db.r6g.large"
  allocated_storage           = 200
  username                    = "app"
  manage_master_user_password = true
  # ok: patterns.terraform.rds-storage-unencrypted
  storage_encrypted           = true
  kms_key_id                  = aws_kms_key.rds.arn
  # ok: patterns.terraform.rds-storage-unencrypted
  deletion_protection         = false
}

resource "aws_rds_cluster" "analytics" {
  cluster_identifier = "analytics"
  engine             = "aurora-mysql"
  master_username    = "analytics"
  master_password    = var.analytics_password
  # ok: patterns.terraform.rds-storage-unencrypted
  storage_encrypted  = var.encrypt_storage
}
