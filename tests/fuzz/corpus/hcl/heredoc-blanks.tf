a = <<POLICY
{}
POLICY  
b = <<-EOT
    x
  EOT	
r {
  c = 1
  c = 2
}
d = x[0].y["z"].0
e = {for k, v in m : k => v... if v}
