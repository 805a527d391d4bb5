resource "aws_db_instance" "demo" {
  identifier                  = "demo"
  engine                      = "postgres"
  instance_class              = "db.t4g.micro"
  allocated_storage           = 20
  username                    = "demo"
  manage_master_user_password = true
  db_subnet_group_name        = aws_db_subnet_group.public.name
  # ruleid: patterns.terraform.db-publicly-accessible
  publicly_accessible         = true
  storage_encrypted           = true
}

resource "aws_rds_cluster_instance" "orders" {
  count               = 2
  identifier          = "orders-${count.index}"
  cluster_identifier  = aws_rds_cluster.orders.id
  instance_class      = "db.r6g.large"
  engine              = aws_rds_cluster.orders.engine
  # ruleid: patterns.terraform.db-publicly-accessible
  publicly_accessible = true
}

resource "aws_db_instance" "app" {
  identifier                  = "app"
  engine                      = "mysql"
  instance_class              = "db.r6g.large"
  allocated_storage           = 100
  username                    = "app"
  manage_master_user_password = true
  # ok: patterns.terraform.db-publicly-accessible
  publicly_accessible         = false
  storage_encrypted           = true
  # ok: patterns.terraform.db-publicly-accessible
  multi_az                    = true
}

resource "aws_lb" "api" {
  name               = "api"
  load_balancer_type = "application"
  # ok: patterns.terraform.db-publicly-accessible
  internal           = false
  subnets            = var.public_subnet_ids
}
