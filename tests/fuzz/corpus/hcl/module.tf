module "worker" {
  source  = "./modules/worker"
  runtime = var.rt
  arns    = aws_lambda_function.f[*].arn
  first   = aws_lambda_function.f.0.arn
  names   = [for k, v in var.m : upper(k) if v != ""]
  index   = { for k, v in var.m : k => v... }
  call    = provider::aws::arn_parse(concat(a, b...))
  math    = -1 + 2 * 3 % 4 / 5 - (6) >= 7 && !x || y == z
}
