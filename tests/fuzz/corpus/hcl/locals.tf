locals {
  policy = <<-EOT
    {
      "Resource": "${aws_lambda_function.f.arn}"
    }
    EOT
  raw = <<EOT
%{ for x in xs ~}
${x}
%{ endfor }
EOT
  cond = "%{ if a }yes%{ else }no%{ endif }"
  strip = "a ${~ b ~} c"
}
