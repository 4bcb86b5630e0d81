#!/usr/bin/env python3
"""Generate a repository-like tree of infrastructure code for bench/iac.

usage: gen-iac-tree.py OUT_DIR [--files N] [--seed S]

Deterministic for a seed. Mix: 35% CloudFormation YAML (short-form tags, parameters with
Default/AllowedValues, mappings, conditions, layers), 15% CloudFormation JSON (a third
under cdk.out/), 15% SAM with Globals, 15% serverless.yml, 18% Terraform .tf, 2% files
that are no templates. Writes OUT_DIR/.bench-manifest.json with the counts."""
import json
import os
import random
import sys

RUNTIMES = ["python3.7", "python3.8", "python3.9", "python3.12", "python3.13", "nodejs12.x", "nodejs14.x",
            "nodejs16.x", "nodejs18.x", "nodejs20.x", "nodejs22.x", "java8", "java11", "java17", "java21",
            "go1.x", "provided.al2", "provided.al2023", "ruby2.7", "ruby3.2", "dotnet6", "dotnet8"]


def role_yaml(name):
    return f"""  {name}Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: {{Service: lambda.amazonaws.com}}
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
"""


def cfn_yaml(r, counts):
    rt_param = r.choice(RUNTIMES)
    out = ["AWSTemplateFormatVersion: '2010-09-09'", f"Description: service {r.randrange(10**6)} (generated)",
           "Parameters:", "  Stage:", "    Type: String", "    Default: dev", "    AllowedValues: [dev, prod]",
           "  FnRuntime:", "    Type: String", f"    Default: {rt_param}   # pinned by the build image",
           "Conditions:", "  IsProd: !Equals [!Ref Stage, prod]",
           "Mappings:", "  RuntimeMap:", "    dev:", f"      rt: {r.choice(RUNTIMES)}", "    prod:",
           f"      rt: {r.choice(RUNTIMES)}", "Resources:"]
    for i in range(r.randint(3, 30)):
        kind = r.random()
        name = f"Fn{i}"
        if kind < 0.45:
            rt = r.choice(RUNTIMES)
            counts[rt] = counts.get(rt, 0) + 1
            runtime = rt if r.random() < 0.5 else f"'{rt}'"
        elif kind < 0.6:
            runtime = "!Ref FnRuntime"
        elif kind < 0.7:
            runtime = f"!If [IsProd, {r.choice(RUNTIMES)}, {r.choice(RUNTIMES)}]"
        elif kind < 0.78:
            runtime = "!FindInMap [RuntimeMap, !Ref Stage, rt]"
        elif kind < 0.85:
            out.append(f"  Layer{i}:\n    Type: AWS::Lambda::LayerVersion\n    Properties:\n"
                       f"      CompatibleRuntimes: [{r.choice(RUNTIMES)}, {r.choice(RUNTIMES)}]\n"
                       f"      Content: {{S3Bucket: !Sub 'artifacts-${{AWS::AccountId}}', S3Key: layer{i}.zip}}")
            counts["layers"] = counts.get("layers", 0) + 1
            continue
        else:
            out.append(f"  Bucket{i}:\n    Type: AWS::S3::Bucket\n    Properties:\n"
                       f"      BucketName: !Sub '${{AWS::StackName}}-data-{i}'\n"
                       "      VersioningConfiguration: {Status: Enabled}\n"
                       "      Tags:\n        - Key: team\n          Value: orders")
            continue
        counts["functions"] = counts.get("functions", 0) + 1
        out.append(f"""  {name}:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: !Sub '${{AWS::StackName}}-{name.lower()}'
      Handler: index.handler
      Runtime: {runtime}
      Role: !GetAtt {name}Role.Arn
      MemorySize: {r.choice([128, 256, 512, 1024])}
      Timeout: 30
      Environment:
        Variables:
          STAGE: !Ref Stage
          TABLE: !ImportValue shared-table-name
      Code:
        S3Bucket: !Sub 'artifacts-${{AWS::AccountId}}-${{AWS::Region}}'
        S3Key: {name.lower()}.zip
      Tags:
        - Key: service
          Value: generated""")
        out.append(role_yaml(name).rstrip("\n"))
    return "\n".join(out) + "\n"


def cfn_json(r, counts):
    res = {}
    for i in range(r.randint(3, 25)):
        if r.random() < 0.6:
            rt = r.choice(RUNTIMES)
            counts[rt] = counts.get(rt, 0) + 1
            counts["functions"] = counts.get("functions", 0) + 1
            res[f"Handler{i}ABCDEF12"] = {
                "Type": "AWS::Lambda::Function",
                "Properties": {"Code": {"S3Bucket": {"Fn::Sub": "cdk-assets-${AWS::AccountId}"}, "S3Key": f"{i}.zip"},
                               "Role": {"Fn::GetAtt": [f"Handler{i}Role", "Arn"]}, "Handler": "index.handler",
                               "Runtime": rt, "MemorySize": 256,
                               "Environment": {"Variables": {"TABLE": {"Ref": "Table"}}}},
                "DependsOn": [f"Handler{i}Role"],
                "Metadata": {"aws:cdk:path": f"Stack/Handler{i}/Resource"}}
            res[f"Handler{i}Role"] = {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {
                "Statement": [{"Action": "sts:AssumeRole", "Effect": "Allow",
                               "Principal": {"Service": "lambda.amazonaws.com"}}], "Version": "2012-10-17"}}}
        else:
            res[f"Table{i}"] = {"Type": "AWS::DynamoDB::Table", "Properties": {
                "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
                "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
                "BillingMode": "PAY_PER_REQUEST"}}
    return json.dumps({"AWSTemplateFormatVersion": "2010-09-09", "Resources": res}, indent=1) + "\n"


def sam(r, counts):
    g = r.choice(RUNTIMES)
    out = ["AWSTemplateFormatVersion: '2010-09-09'", "Transform: AWS::Serverless-2016-10-31",
           "Globals:", "  Function:", f"    Runtime: {g}", "    Timeout: 10", "    MemorySize: 256",
           "    Tracing: Active", "Resources:"]
    for i in range(r.randint(2, 15)):
        counts["functions"] = counts.get("functions", 0) + 1
        own = r.random() < 0.3
        rt = r.choice(RUNTIMES) if own else g
        counts[rt] = counts.get(rt, 0) + 1
        out.append(f"""  Api{i}Function:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app{i}.handler
      CodeUri: src/app{i}/""" + (f"\n      Runtime: {rt}" if own else "") + f"""
      AutoPublishAlias: live
      DeploymentPreference:
        Type: Canary10Percent5Minutes
      Events:
        Get:
          Type: Api
          Properties:
            Path: /items/{i}
            Method: get""")
    return "\n".join(out) + "\n"


def serverless(r, counts):
    prov = r.choice(RUNTIMES)
    out = [f"service: svc-{r.randrange(10**5)}", "frameworkVersion: '3'", "custom:",
           f"  pyRuntime: ${{opt:runtime, '{r.choice(RUNTIMES)}'}}", "  stage: ${opt:stage, 'dev'}",
           "provider:", "  name: aws", f"  runtime: {prov}", "  stage: ${self:custom.stage}",
           "  region: eu-west-1", "  iam:", "    role:", "      statements:", "        - Effect: Allow",
           "          Action: [dynamodb:GetItem]", "          Resource: '*'", "functions:"]
    for i in range(r.randint(2, 12)):
        counts["functions"] = counts.get("functions", 0) + 1
        k = r.random()
        line = f"  fn{i}:\n    handler: handler.fn{i}\n    events:\n      - httpApi: 'GET /fn{i}'"
        if k < 0.3:
            rt = r.choice(RUNTIMES)
            counts[rt] = counts.get(rt, 0) + 1
            line += f"\n    runtime: {rt}"
        elif k < 0.45:
            line += "\n    runtime: ${self:custom.pyRuntime}"
        out.append(line)
    return "\n".join(out) + "\n"


def terraform(r, counts):
    out = ['variable "runtime" {', '  type    = string', f'  default = "{r.choice(RUNTIMES)}"', '}', '',
           'locals {', f'  node_runtime = "{r.choice(RUNTIMES)}"', '  tags = { team = "platform" }', '}', '']
    for i in range(r.randint(2, 12)):
        k = r.random()
        counts["functions"] = counts.get("functions", 0) + 1
        if k < 0.4:
            rt = r.choice(RUNTIMES)
            counts[rt] = counts.get(rt, 0) + 1
            expr = f'"{rt}"'
        elif k < 0.6:
            expr = "var.runtime"
        elif k < 0.75:
            expr = "local.node_runtime"
        else:
            out.append(f'module "fn{i}" {{\n  source        = "terraform-aws-modules/lambda/aws"\n'
                       f'  version       = "~> 7.0"\n  function_name = "fn{i}"\n  handler       = "index.handler"\n'
                       f'  runtime       = "{r.choice(RUNTIMES)}"\n  source_path   = "../src/fn{i}"\n}}\n')
            continue
        out.append(f'''resource "aws_lambda_function" "fn{i}" {{
  function_name = "fn{i}"
  role          = aws_iam_role.lambda.arn
  handler       = "index.handler"
  runtime       = {expr}
  filename      = "fn{i}.zip"
  timeout       = 30
  environment {{
    variables = {{
      TABLE = aws_dynamodb_table.t.name
    }}
  }}
  tags = local.tags
}}
''')
    out.append('''resource "aws_iam_role" "lambda" {
  name = "lambda-${terraform.workspace}"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_lambda_layer_version" "deps" {
  layer_name          = "deps"
  filename            = "deps.zip"
  compatible_runtimes = ["python3.8", var.runtime]
}
''')
    return "\n".join(out)


def main():
    args = sys.argv[1:]
    out = args[0]
    n = int(args[args.index("--files") + 1]) if "--files" in args else 10000
    seed = int(args[args.index("--seed") + 1]) if "--seed" in args else 1
    r = random.Random(seed)
    counts = {}
    kinds = {}
    for i in range(n):
        x = r.random()
        team = f"team-{i % 40:02d}"
        if x < 0.35:
            kind, path, text = "cfn-yaml", f"services/{team}/svc-{i:05d}/template.yaml", cfn_yaml(r, counts)
        elif x < 0.50:
            cdk = r.random() < 0.33
            kind = "cdk" if cdk else "cfn-json"
            path = f"apps/{team}/app-{i:05d}/cdk.out/Stack{i}.template.json" if cdk else \
                f"stacks/{team}/stack-{i:05d}.json"
            text = cfn_json(r, counts)
        elif x < 0.65:
            kind, path, text = "sam", f"sam/{team}/app-{i:05d}/template.yaml", sam(r, counts)
        elif x < 0.80:
            kind, path, text = "serverless", f"functions/{team}/svc-{i:05d}/serverless.yml", serverless(r, counts)
        elif x < 0.98:
            kind, path, text = "terraform", f"infra/{team}/mod-{i:05d}/main.tf", terraform(r, counts)
        else:
            kind = "other"
            name = r.choice(["README.md", "docker-compose.yml", "package.json", ".github/workflows/ci.yml"])
            path = f"misc/{team}/{i:05d}/{name}"
            text = {"README.md": "# service\n\nResources: see AWS::Lambda docs\n",
                    "docker-compose.yml": "services:\n  web:\n    image: nginx\n",
                    "package.json": '{"name": "x", "version": "1.0.0"}\n',
                    ".github/workflows/ci.yml": "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n"}[name]
        kinds[kind] = kinds.get(kind, 0) + 1
        full = os.path.join(out, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w") as f:
            f.write(text)
    with open(os.path.join(out, ".bench-manifest.json"), "w") as f:
        json.dump({"files": n, "seed": seed, "by_kind": kinds, "literal_runtimes": counts}, f, indent=1)


main()
