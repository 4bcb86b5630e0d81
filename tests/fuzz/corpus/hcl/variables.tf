variable "rt" {
  type    = string
  default = "nodejs16.x"
}
/* block comment */
variable "list" {
  type = list(object({ a = string }))
  default = [
    { a = "py\u0074hon3.8" },
    { a = "\U0001F600 $${literal} %%{literal}" }, // trailing comma
  ]
}
