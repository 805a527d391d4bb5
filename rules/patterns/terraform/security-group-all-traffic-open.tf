resource "aws_security_group" "legacy_app" {
  name   = "legacy-app"
  vpc_id = var.vpc_id

  # ruleid: patterns.terraform.security-group-all-traffic-open
  ingress {
    description = "temporary: allow everything"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }

  # ok: patterns.terraform.security-group-all-traffic-open
  ingress {
    description = "everything from inside the VPC"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["10.0.0.0/16"]
  }

  # ok: patterns.terraform.security-group-all-traffic-open
  ingress {
    description = "HTTPS from anywhere"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  # ok: patterns.terraform.security-group-all-traffic-open
  egress {
    from_port        = 0
    to_port          = 0
    protocol         = "-1"
    cidr_blocks      = ["0.0.0.0/0"]
    ipv6_cidr_blocks = ["::/0"]
  }
}

# ruleid: patterns.terraform.security-group-all-traffic-open
resource "aws_security_group_rule" "all_ipv6" {
  type              = "ingress"
  from_port         = 0
  to_port           = 0
  protocol          = "all"
  ipv6_cidr_blocks  = ["::/0"]
  security_group_id = aws_security_group.legacy_app.id
}

# ok: patterns.terraform.security-group-all-traffic-open
resource "aws_security_group_rule" "all_egress" {
  type              = "egress"
  from_port         = 0
  to_port           = 0
  protocol          = "-1"
  cidr_blocks       = ["0.0.0.0/0"]
  security_group_id = aws_security_group.legacy_app.id
}

# ruleid: patterns.terraform.security-group-all-traffic-open
resource "aws_vpc_security_group_ingress_rule" "everything" {
  security_group_id = aws_security_group.legacy_app.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

# ok: patterns.terraform.security-group-all-traffic-open
resource "aws_vpc_security_group_ingress_rule" "from_peer_sg" {
  security_group_id            = aws_security_group.legacy_app.id
  referenced_security_group_id = aws_security_group.worker.id
  ip_protocol                  = "-1"
}
