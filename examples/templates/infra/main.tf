variable "reports_runtime" {
  type    = string
  default = "java11"
}

resource "aws_lambda_function" "reports" {
  function_name = "reports"
  role          = aws_iam_role.lambda.arn
  handler       = "com.example.Reports::handleRequest"
  runtime       = var.reports_runtime
  filename      = "reports.zip"
}

module "thumbnailer" {
  source        = "terraform-aws-modules/lambda/aws"
  function_name = "thumbnailer"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  source_path   = "../src/thumbnailer"
}

resource "aws_iam_role" "lambda" {
  name = "lambda"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}
