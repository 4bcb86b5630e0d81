resource "aws_lambda_function" "f" {
  function_name = "fn-${var.env}"
  runtime       = "python3.8" # deprecated
  handler       = "index.handler"
  environment {
    variables = { STAGE = var.stage, "X" : "y" }
  }
  dynamic "vpc_config" {
    for_each = var.subnets != null ? [1] : []
    content { subnet_ids = var.subnets }
  }
}
