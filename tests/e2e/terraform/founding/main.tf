# The founding example: a company of four developers, an accountant and a salesperson.
# One group per job role, a policy per group, users in groups, console access (login profile)
# and/or programmatic access (access keys). Peter (sales) gets no user.
# Applied against iamlite by tests/e2e/test_terraform.py; README shows how to run it by hand.

terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}

variable "endpoint" {
  type    = string
  default = "http://127.0.0.1:4599"
}

provider "aws" {
  region                      = "us-east-1"
  access_key                  = "test"
  secret_key                  = "test"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  endpoints {
    iam = var.endpoint
    sts = var.endpoint
  }
}

locals {
  # job role -> AWS managed policies the group gets
  groups = {
    DevOps = ["AdministratorAccess-AWSElasticBeanstalk", "AmazonEC2FullAccess",
    "AmazonS3FullAccess", "AmazonSQSFullAccess"]
    WebDevelopers    = ["AdministratorAccess-AWSElasticBeanstalk", "AmazonS3FullAccess"]
    MobileDevelopers = ["AmazonS3FullAccess", "AmazonCognitoPowerUser"]
    Accountants      = []
  }
  # person -> group, console access, programmatic access
  people = {
    sally = { group = "DevOps", console = true, keys = true }
    john  = { group = "WebDevelopers", console = true, keys = true }
    maria = { group = "WebDevelopers", console = true, keys = true }
    jane  = { group = "MobileDevelopers", console = false, keys = true }
    mary  = { group = "Accountants", console = true, keys = false }
  }
  attachments = merge([
    for g, policies in local.groups : { for p in policies : "${g}/${p}" => { group = g, policy = p } }
  ]...)
}

resource "aws_iam_group" "team" {
  for_each = local.groups
  name     = each.key
  path     = "/company/"
}

resource "aws_iam_group_policy_attachment" "managed" {
  for_each   = local.attachments
  group      = aws_iam_group.team[each.value.group].name
  policy_arn = "arn:aws:iam::aws:policy/${each.value.policy}"
}

# The accountants read one billing bucket and nothing else.
resource "aws_iam_policy" "billing_read" {
  name        = "BillingBucketReadOnly"
  path        = "/company/"
  description = "Read-only access to the billing bucket"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "ListBillingBucket"
        Effect   = "Allow"
        Action   = ["s3:ListBucket", "s3:GetBucketLocation"]
        Resource = "arn:aws:s3:::example-billing-bucket"
      },
      {
        Sid      = "ReadBillingObjects"
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:GetObjectVersion"]
        Resource = "arn:aws:s3:::example-billing-bucket/*"
      }
    ]
  })
  tags = { team = "finance" }
}

resource "aws_iam_group_policy_attachment" "billing" {
  group      = aws_iam_group.team["Accountants"].name
  policy_arn = aws_iam_policy.billing_read.arn
}

resource "aws_iam_user" "person" {
  for_each = local.people
  name     = each.key
  path     = "/company/"
  tags     = { job = each.value.group }
}

resource "aws_iam_group_membership" "team" {
  for_each = local.groups
  name     = "${each.key}-members"
  group    = aws_iam_group.team[each.key].name
  users    = [for name, p in local.people : aws_iam_user.person[name].name if p.group == each.key]
}

resource "aws_iam_user_login_profile" "console" {
  for_each                = { for name, p in local.people : name => p if p.console }
  user                    = aws_iam_user.person[each.key].name
  password_reset_required = true
}

resource "aws_iam_access_key" "cli" {
  for_each = { for name, p in local.people : name => p if p.keys }
  user     = aws_iam_user.person[each.key].name
}

# The web application's EC2 instances act as a role: trusted by EC2, reached through an
# instance profile, with an inline and a managed policy, and a permissions boundary that caps
# what any policy of the role can grant.
resource "aws_iam_policy" "web_boundary" {
  name        = "WebAppBoundary"
  path        = "/company/"
  description = "The most the web application's role may ever do"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "AppDataOnly"
      Effect   = "Allow"
      Action   = ["s3:GetObject", "s3:PutObject", "sqs:SendMessage", "sqs:ReceiveMessage"]
      Resource = "*"
    }]
  })
}

resource "aws_iam_role" "web_app" {
  name                 = "WebApp"
  path                 = "/company/"
  description          = "Assumed by the web application's EC2 instances"
  permissions_boundary = aws_iam_policy.web_boundary.arn
  max_session_duration = 7200
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
  tags = { team = "web" }
}

resource "aws_iam_role_policy" "web_app_data" {
  name = "AppBucket"
  role = aws_iam_role.web_app.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject", "s3:PutObject"]
      Resource = "arn:aws:s3:::example-app-bucket/*"
    }]
  })
}

resource "aws_iam_role_policy_attachment" "web_app_queue" {
  role       = aws_iam_role.web_app.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonSQSFullAccess"
}

resource "aws_iam_instance_profile" "web_app" {
  name = "WebApp"
  path = "/company/"
  role = aws_iam_role.web_app.name
}

output "users" {
  value = { for name, u in aws_iam_user.person : name => u.arn }
}

output "access_key_ids" {
  value = { for name, k in aws_iam_access_key.cli : name => k.id }
}
