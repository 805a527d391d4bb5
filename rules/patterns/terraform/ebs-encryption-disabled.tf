resource "aws_ebs_volume" "scratch" {
  availability_zone = "eu-west-1a"
  size              = 200
  type              = "gp3"
  # ruleid: patterns.terraform.ebs-encryption-disabled
  encrypted         = false
}

resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 500
  type              = "gp3"
  # ok: patterns.terraform.ebs-encryption-disabled
  encrypted         = true
  kms_key_id        = aws_kms_key.ebs.arn
}

resource "aws_instance" "worker" {
  ami           = data.aws_ami.ubuntu.id
  instance_type = "m6i.large"

  root_block_device {
    volume_size = 50
    # ruleid: patterns.terraform.ebs-encryption-disabled
    encrypted   = false
  }

  ebs_block_device {
    device_name = "/dev/sdf"
    volume_size = 100
    # ok: patterns.terraform.ebs-encryption-disabled
    encrypted   = var.encrypt_volumes
  }
}

resource "aws_launch_template" "workers" {
  name_prefix   = "workers-"
  image_id      = data.aws_ami.ubuntu.id
  instance_type = "c6i.xlarge"

  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size = 40
      volume_type = "gp3"
      # ruleid: patterns.terraform.ebs-encryption-disabled
      encrypted   = "false"
    }
  }

  block_device_mappings {
    device_name = "/dev/xvdb"
    ebs {
      volume_size = 100
      # ok: patterns.terraform.ebs-encryption-disabled
      encrypted   = "true"
    }
  }
}

resource "aws_ebs_encryption_by_default" "this" {
  # ruleid: patterns.terraform.ebs-encryption-disabled
  enabled = false
}

resource "aws_cloudwatch_metric_alarm" "disk" {
  alarm_name          = "worker-disk"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 2
  metric_name         = "VolumeQueueLength"
  namespace           = "AWS/EBS"
  period              = 300
  statistic           = "Average"
  threshold           = 10
  # ok: patterns.terraform.ebs-encryption-disabled
  actions_enabled     = false
}
