"""Seed moto for the history test, one step at a time: usage: seed.py ENDPOINT STEP
  1: account 123456789012: us-east-1 upgrade-me python3.8, delete-me nodejs14.x,
     stays python3.9, modern python3.13; eu-west-1 west-old ruby2.7;
     account 111111111111 (through role audit): us-east-1 b-old nodejs12.x
  2: upgrade-me moves to python3.13, delete-me is deleted, added nodejs16.x is created"""
import io
import json
import sys
import zipfile

import boto3

endpoint, step = sys.argv[1], sys.argv[2]
kw = dict(endpoint_url=endpoint, aws_access_key_id="AKIDMOTOTEST", aws_secret_access_key="moto-secret")
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w") as z:
    z.writestr("app.py", "def handler(event, context):\n    return 1\n")
code = buf.getvalue()
east = boto3.client("lambda", region_name="us-east-1", **kw)
west = boto3.client("lambda", region_name="eu-west-1", **kw)
iam = boto3.client("iam", region_name="us-east-1", **kw)
POLICY = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {
    "Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]})


def fn(lam, role, name, runtime):
    lam.create_function(FunctionName=name, Runtime=runtime, Role=role, Handler="app.handler", Code={"ZipFile": code})


if step == "1":
    role = iam.create_role(RoleName="lambda-role", AssumeRolePolicyDocument=POLICY)["Role"]["Arn"]
    for name, rt in [("upgrade-me", "python3.8"), ("delete-me", "nodejs14.x"), ("stays", "python3.9"),
                     ("modern", "python3.13")]:
        fn(east, role, name, rt)
    fn(west, role, "west-old", "ruby2.7")
    sts = boto3.client("sts", region_name="us-east-1", **kw)
    c = sts.assume_role(RoleArn="arn:aws:iam::111111111111:role/audit", RoleSessionName="seed")["Credentials"]
    okw = dict(region_name="us-east-1", endpoint_url=endpoint, aws_access_key_id=c["AccessKeyId"],
               aws_secret_access_key=c["SecretAccessKey"], aws_session_token=c["SessionToken"])
    orole = boto3.client("iam", **okw).create_role(RoleName="lambda-role", AssumeRolePolicyDocument=POLICY)["Role"]["Arn"]
    fn(boto3.client("lambda", **okw), orole, "b-old", "nodejs12.x")
elif step == "2":
    role = iam.get_role(RoleName="lambda-role")["Role"]["Arn"]
    east.update_function_configuration(FunctionName="upgrade-me", Runtime="python3.13")
    east.delete_function(FunctionName="delete-me")
    fn(east, role, "added", "nodejs16.x")
