# Orders service: functions, a layer and the community Lambda module.
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "~> 5.0" }
  }
}

locals {
  node_runtime = "nodejs16.x"
  tags = {
    team = "orders"
  }
}

resource "aws_lambda_function" "api" {
  function_name = "orders-api"
  role          = aws_iam_role.lambda.arn
  handler       = "app.handler"
  runtime       = "python3.8" # pinned by the build image
  filename      = "api.zip"
  tags          = local.tags
}

resource "aws_lambda_function" "worker" {
  function_name = "orders-worker"
  role          = aws_iam_role.lambda.arn
  handler       = "index.handler"
  runtime       = var.worker_runtime
  filename      = "worker.zip"
}

resource "aws_lambda_function" "node" {
  function_name = "orders-node"
  role          = aws_iam_role.lambda.arn
  handler       = "index.handler"
  runtime       = local.node_runtime
  filename      = "node.zip"
}

resource "aws_lambda_function" "computed" {
  function_name = "orders-computed"
  role          = aws_iam_role.lambda.arn
  handler       = "index.handler"
  runtime       = lookup(var.runtimes, "computed", "python3.12")
  filename      = "c.zip"
}

resource "aws_lambda_function" "image" {
  function_name = "orders-image"
  role          = aws_iam_role.lambda.arn
  package_type  = "Image"
  image_uri     = "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1"
}

resource "aws_lambda_layer_version" "deps" {
  layer_name          = "deps"
  filename            = "deps.zip"
  compatible_runtimes = ["python3.8", var.layer_extra]
}

module "reports" {
  source  = "terraform-aws-modules/lambda/aws"
  version = "~> 7.0"

  function_name = "orders-reports"
  handler       = "index.lambda_handler"
  runtime       = "python3.9"
  source_path   = "../src/reports"
}

module "disabled" {
  source          = "terraform-aws-modules/lambda/aws"
  create_function = false
  runtime         = "nodejs12.x"
}

module "local_fn" {
  source  = "./modules/fn"
  runtime = "ruby3.2"
}

resource "aws_iam_role" "lambda" {
  name = "orders-lambda"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

data "aws_iam_policy_document" "extra" {
  statement {
    actions   = ["s3:GetObject"]
    resources = [for b in var.buckets : "arn:aws:s3:::${b}/*"]
  }
}
