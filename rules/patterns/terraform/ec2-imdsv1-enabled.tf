resource "aws_instance" "legacy_agent" {
  ami                  = data.aws_ami.amazon_linux.id
  instance_type        = "t3.small"
  iam_instance_profile = aws_iam_instance_profile.agent.name

  # ruleid: patterns.terraform.ec2-imdsv1-enabled
  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "optional"
    http_put_response_hop_limit = 2
  }
}

resource "aws_launch_template" "workers" {
  name_prefix   = "workers-"
  image_id      = data.aws_ami.amazon_linux.id
  instance_type = "m6i.large"

  # ruleid: patterns.terraform.ec2-imdsv1-enabled
  metadata_options {
    http_tokens = "optional"
  }
}

resource "aws_instance" "web" {
  ami           = data.aws_ami.amazon_linux.id
  instance_type = "t3.medium"

  # ok: patterns.terraform.ec2-imdsv1-enabled
  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
    instance_metadata_tags      = "enabled"
  }
}

resource "aws_instance" "isolated" {
  ami           = data.aws_ami.amazon_linux.id
  instance_type = "t3.micro"

  # ok: patterns.terraform.ec2-imdsv1-enabled
  metadata_options {
    http_endpoint = "disabled"
    http_tokens   = "optional"
  }
}

resource "aws_ec2_instance_metadata_defaults" "account" {
  # ruleid: patterns.terraform.ec2-imdsv1-enabled
  http_tokens                 = "optional"
  http_put_response_hop_limit = 1
}

resource "aws_eks_node_group" "default" {
  cluster_name    = aws_eks_cluster.main.name
  node_group_name = "default"
  node_role_arn   = aws_iam_role.nodes.arn
  subnet_ids      = var.private_subnet_ids

  launch_template {
    id = aws_launch_template.workers.id
    # ok: patterns.terraform.ec2-imdsv1-enabled
    version = "$Latest"
  }

  scaling_config {
    desired_size = 2
    max_size     = 4
    min_size     = 1
  }
}
