rt = "java8"
regions = ["eu-west-1", "us-east-1"]
memory = 1.5e3
enabled = true
nothing = null
