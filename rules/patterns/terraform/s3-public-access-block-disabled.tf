resource "aws_s3_bucket" "site" {
  bucket = "www.example.com"
}

# ruleid: patterns.terraform.s3-public-access-block-disabled
resource "aws_s3_bucket_public_access_block" "site" {
  bucket = aws_s3_bucket.site.id

  block_public_acls       = true
  block_public_policy     = false
  ignore_public_acls      = true
  restrict_public_buckets = false
}

# ruleid: patterns.terraform.s3-public-access-block-disabled
resource "aws_s3_account_public_access_block" "account" {
  block_public_acls   = false
  block_public_policy = false
}

# ok: patterns.terraform.s3-public-access-block-disabled
resource "aws_s3_bucket_public_access_block" "data" {
  bucket = aws_s3_bucket.data.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# ok: patterns.terraform.s3-public-access-block-disabled
resource "aws_s3_bucket_public_access_block" "shared" {
  bucket = aws_s3_bucket.shared.id

  block_public_acls       = var.block_public_access
  block_public_policy     = var.block_public_access
  ignore_public_acls      = var.block_public_access
  restrict_public_buckets = var.block_public_access
}

resource "aws_s3_bucket_versioning" "data" {
  bucket = aws_s3_bucket.data.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket" "data" {
  bucket        = "example-data"
  # ok: patterns.terraform.s3-public-access-block-disabled
  force_destroy = false
}
