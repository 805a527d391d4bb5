resource "aws_iam_policy" "ci_deploy" {
  name        = "ci-deploy"
  description = "Used by the CI pipeline to deploy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      # ruleid: patterns.terraform.iam-policy-wildcard-admin
      {
        Effect   = "Allow"
        Action   = "*"
        Resource = "*"
      },
      # ok: patterns.terraform.iam-policy-wildcard-admin
      {
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:PutObject"]
        Resource = "${aws_s3_bucket.artifacts.arn}/*"
      },
    ]
  })
}

resource "aws_iam_role_policy" "lambda_admin" {
  name = "lambda-admin"
  role = aws_iam_role.lambda.id

  # ruleid: patterns.terraform.iam-policy-wildcard-admin
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Everything",
      "Effect": "Allow",
      "Action": ["*"],
      "Resource": "*"
    }
  ]
}
EOF
}

resource "aws_iam_user_policy" "reader" {
  name = "reader"
  user = aws_iam_user.reporting.name

  # ok: patterns.terraform.iam-policy-wildcard-admin
  policy = <<-POLICY
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": ["cloudwatch:GetMetricData", "cloudwatch:ListMetrics"],
          "Resource": "*"
        }
      ]
    }
  POLICY
}

data "aws_iam_policy_document" "break_glass" {
  # ruleid: patterns.terraform.iam-policy-wildcard-admin
  statement {
    sid       = "BreakGlass"
    actions   = ["*"]
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "deny_outside_region" {
  # ok: patterns.terraform.iam-policy-wildcard-admin
  statement {
    effect    = "Deny"
    actions   = ["*"]
    resources = ["*"]
    condition {
      test     = "StringNotEquals"
      variable = "aws:RequestedRegion"
      values   = ["eu-west-1"]
    }
  }

  # ok: patterns.terraform.iam-policy-wildcard-admin
  statement {
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.artifacts.arn, "${aws_s3_bucket.artifacts.arn}/*"]
  }
}

resource "aws_iam_policy" "mfa_guard" {
  name = "mfa-guard"
  policy = jsonencode({
    Version = "2012-10-17"
    # ok: patterns.terraform.iam-policy-wildcard-admin
    Statement = {
      Effect   = "Deny"
      Action   = "*"
      Resource = "*"
      Condition = {
        BoolIfExists = { "aws:MultiFactorAuthPresent" = "false" }
      }
    }
  })
}

locals {
  # ruleid: patterns.terraform.iam-policy-wildcard-admin
  admin_statement = { "Effect" : "Allow", "Action" : "*", "Resource" : ["*"] }
}
