resource "aws_s3_bucket" "legacy_assets" {
  bucket = "example-legacy-assets"
  # ruleid: patterns.terraform.s3-bucket-public-acl
  acl    = "public-read"

  tags = {
    Team = "web"
  }
}

resource "aws_s3_bucket" "uploads" {
  bucket = "example-user-uploads"
}

resource "aws_s3_bucket_ownership_controls" "uploads" {
  bucket = aws_s3_bucket.uploads.id
  rule {
    object_ownership = "BucketOwnerPreferred"
  }
}

resource "aws_s3_bucket_acl" "uploads" {
  depends_on = [aws_s3_bucket_ownership_controls.uploads]
  bucket     = aws_s3_bucket.uploads.id
  # ruleid: patterns.terraform.s3-bucket-public-acl
  acl        = "public-read-write"
}

data "aws_canonical_user_id" "current" {}

resource "aws_s3_bucket_acl" "reports" {
  bucket = aws_s3_bucket.reports.id
  access_control_policy {
    grant {
      grantee {
        type = "Group"
        # ruleid: patterns.terraform.s3-bucket-public-acl
        uri  = "http://acs.amazonaws.com/groups/global/AllUsers"
      }
      permission = "READ"
    }
    grant {
      grantee {
        type = "Group"
        # ok: patterns.terraform.s3-bucket-public-acl
        uri  = "http://acs.amazonaws.com/groups/s3/LogDelivery"
      }
      permission = "WRITE"
    }
    owner {
      id = data.aws_canonical_user_id.current.id
    }
  }
}

resource "aws_s3_bucket" "reports" {
  bucket = "example-reports"
  # ok: patterns.terraform.s3-bucket-public-acl
  acl    = "private"
}

resource "aws_s3_bucket_acl" "access_logs" {
  bucket = aws_s3_bucket.access_logs.id
  # ok: patterns.terraform.s3-bucket-public-acl
  acl    = "log-delivery-write"
}

resource "aws_s3_bucket" "access_logs" {
  bucket = "example-access-logs"
}
