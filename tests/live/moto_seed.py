"""Seed a moto server with a small estate: functions in two regions, published versions
on older runtimes, aliases with routing weights, a container image. Prints what sunset
must find, as JSON, for the test to compare. usage: moto_seed.py ENDPOINT"""
import io
import json
import sys
import zipfile

import boto3

endpoint = sys.argv[1]
ACCOUNT = "123456789012"  # moto's default account
kw = dict(endpoint_url=endpoint, aws_access_key_id="AKIDMOTOTEST", aws_secret_access_key="moto-secret")
iam = boto3.client("iam", region_name="us-east-1", **kw)
role = iam.create_role(RoleName="lambda-role", AssumeRolePolicyDocument=json.dumps({
    "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
                                            "Action": "sts:AssumeRole"}]}))["Role"]["Arn"]
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w") as z:
    z.writestr("app.py", "def handler(event, context):\n    return 1\n")
code = buf.getvalue()


def fn(lam, name, runtime):
    lam.create_function(FunctionName=name, Runtime=runtime, Role=role, Handler="app.handler", Code={"ZipFile": code})


east = boto3.client("lambda", region_name="us-east-1", **kw)
west = boto3.client("lambda", region_name="eu-west-1", **kw)
# orders: version 1 on python3.8, version 2 on python3.12; alias live 90% v1 / 10% v2
fn(east, "orders", "python3.8")
east.publish_version(FunctionName="orders")
east.update_function_configuration(FunctionName="orders", Runtime="python3.12")
east.publish_version(FunctionName="orders")
east.create_alias(FunctionName="orders", Name="live", FunctionVersion="1",
                  RoutingConfig={"AdditionalVersionWeights": {"2": 0.1}})
east.create_alias(FunctionName="orders", Name="beta", FunctionVersion="2")
fn(east, "modern", "python3.13")
fn(east, "legacy-node", "nodejs12.x")
fn(west, "billing", "ruby3.2")
west.publish_version(FunctionName="billing")
west.create_alias(FunctionName="billing", Name="prod", FunctionVersion="1")
fn(west, "edge", "go1.x")
west.create_function(FunctionName="renderer", Role=role, PackageType="Image",
                     Code={"ImageUri": f"{ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com/renderer:latest"})
# Owners and deployers, as tags say: orders by SAM (stack orders-prod) with an owner tag;
# billing by a CloudFormation stack (no owner tag: the stack names the owner); legacy-node by
# Terraform with a team tag; edge untagged.
arn = lambda lam, name: lam.get_function(FunctionName=name)["Configuration"]["FunctionArn"].rsplit(":$LATEST", 1)[0]
east.tag_resource(Resource=arn(east, "orders"), Tags={"owner": "payments-team", "lambda:createdBy": "SAM",
                                                      "aws:cloudformation:stack-name": "orders-prod"})
east.tag_resource(Resource=arn(east, "legacy-node"), Tags={"team": "platform", "ManagedBy": "Terraform"})
west.tag_resource(Resource=arn(west, "billing"), Tags={"aws:cloudformation:stack-name": "billing-stack"})
# Usage the scan reads back with GetMetricData: orders 1200 in all, 700 of them on version 1
# through alias live; legacy-node 5; edge 50; billing none (unused).
for region, data in (("us-east-1", [({"FunctionName": "orders"}, 1200),
                                    ({"FunctionName": "orders", "Resource": "orders:live", "ExecutedVersion": "1"}, 700),
                                    ({"FunctionName": "orders", "Resource": "orders:live", "ExecutedVersion": "2"}, 80),
                                    ({"FunctionName": "legacy-node"}, 5)]),
                     ("eu-west-1", [({"FunctionName": "edge"}, 50), ({"FunctionName": "renderer"}, 9)])):
    cw = boto3.client("cloudwatch", region_name=region, **kw)
    for dims, value in data:
        cw.put_metric_data(Namespace="AWS/Lambda", MetricData=[{
            "MetricName": "Invocations", "Value": value, "Unit": "Count",
            "Dimensions": [{"Name": k, "Value": v} for k, v in dims.items()]}])
# A second account reached through a role: moto maps assumed-role keys to the role's account.
sts = boto3.client("sts", region_name="us-east-1", **kw)
c = sts.assume_role(RoleArn="arn:aws:iam::111111111111:role/audit", RoleSessionName="seed")["Credentials"]
other = boto3.client("lambda", region_name="us-east-1", endpoint_url=endpoint, aws_access_key_id=c["AccessKeyId"],
                     aws_secret_access_key=c["SecretAccessKey"], aws_session_token=c["SessionToken"])
oiam = boto3.client("iam", region_name="us-east-1", endpoint_url=endpoint, aws_access_key_id=c["AccessKeyId"],
                    aws_secret_access_key=c["SecretAccessKey"], aws_session_token=c["SessionToken"])
orole = oiam.create_role(RoleName="lambda-role", AssumeRolePolicyDocument="{}")["Role"]["Arn"]
other.create_function(FunctionName="audit-target", Runtime="nodejs14.x", Role=orole, Handler="app.handler",
                      Code={"ZipFile": code})
# An organization: the seeding account is its management account, plus one member.
org = boto3.client("organizations", region_name="us-east-1", **kw)
org.create_organization(FeatureSet="ALL")
member = org.create_account(Email="member@example.com", AccountName="member")["CreateAccountStatus"]["AccountId"]
# a named account whose role the tests' gate (fake_gate.py) refuses to let anyone assume
denied = org.create_account(Email="locked@example.com", AccountName="locked-team")["CreateAccountStatus"]["AccountId"]
# the seeding account's IAM alias: its name in single-account scans
boto3.client("iam", region_name="us-east-1", **kw).create_account_alias(AccountAlias="acme-prod")
print(json.dumps({"account": ACCOUNT, "member": member, "denied": denied}))
