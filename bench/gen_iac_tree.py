#!/usr/bin/env python3
"""Generate a repository-like tree of infrastructure code for bench/iac.

usage: bench/gen_iac_tree.py OUT_DIR [--files N] [--seed S]

Writes N files (default 10,000), the same bytes for the same N and seed, in a nested
layout like a monorepo of many teams:

  35% CloudFormation YAML  services/svc-0042/template.yaml, stacks/team-07/*.yaml, ...
                            short-form tags (!Ref !Sub !GetAtt !If !FindInMap !Equals ...),
                            Parameters with Default/AllowedValues used through !Ref for
                            Runtime, Mappings used through !FindInMap, Conditions, IAM roles,
                            buckets, tables, queues, LayerVersions with CompatibleRuntimes,
                            comments; 3-30 resources, a few large (state machines)
  15% CloudFormation JSON  the same content in long form; a third as cdk.out/X.template.json
  15% SAM                  Transform, Globals.Function.Runtime, AWS::Serverless::Function
                            (some with their own Runtime, one with IgnoreGlobals), a few
                            large (inline OpenAPI DefinitionBody)
  15% serverless.yml       provider.runtime, functions with and without runtime, custom
                            variables through ${self:custom.x}, ${opt:stage, 'dev'}, layers
  18% Terraform            folders of .tf files (and some terraform.tfvars), as terraform
                            fmt writes them: aws_lambda_function with a literal, var.x,
                            local.x or a conditional, variables with defaults, the
                            terraform-aws-modules/lambda/aws module, aws_lambda_layer_version
                            compatible_runtimes, IAM roles with jsonencode and heredoc
                            policies, unrelated resources
   2% other                README.md, package.json, docker-compose.yml, CI workflows,
                            cdk.json, cdk.out/manifest.json, k8s manifests: no templates

and OUT_DIR/.bench-manifest.json: files and bytes by kind, sizes, Lambda functions and
layers by kind, how each function's runtime is written, every runtime identifier written
as a Lambda runtime value (per runtime), and the paths of the CloudFormation subset
(CloudFormation YAML/JSON, CDK, SAM) for cfn-lint.
"""
import json
import os
import random
import re
import sys
from collections import Counter

# A realistic spread of what is still found in repositories: many 3.9/18.x, some long gone.
RUNTIME_WEIGHTS = [
    ("python3.7", 4), ("python3.8", 6), ("python3.9", 8), ("python3.12", 8), ("python3.13", 4),
    ("nodejs12.x", 3), ("nodejs14.x", 5), ("nodejs16.x", 6), ("nodejs18.x", 8), ("nodejs20.x", 9),
    ("nodejs22.x", 5), ("java8", 3), ("java11", 4), ("java17", 4), ("java21", 3), ("go1.x", 3),
    ("provided.al2", 3), ("provided.al2023", 4), ("ruby2.7", 1), ("ruby3.2", 2), ("dotnet6", 2),
    ("dotnet8", 3),
]
RUNTIMES = [r for r, _ in RUNTIME_WEIGHTS]
_WEIGHTS = [w for _, w in RUNTIME_WEIGHTS]
HANDLERS = {"python": "app.handler", "nodejs": "index.handler", "java": "com.example.Handler::handleRequest",
            "go1.x": "bootstrap", "provided": "bootstrap", "ruby": "function.handler",
            "dotnet": "Api::Api.Function::FunctionHandler"}
WORDS = ["orders", "billing", "users", "search", "catalog", "payments", "inventory", "notify", "audit",
         "reports", "ingest", "export", "auth", "images", "thumbnails", "webhooks", "sync", "etl",
         "metrics", "alerts", "shipping", "ledger", "profile", "feed", "cart", "pricing"]


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.written = Counter()      # runtime identifiers written as Lambda runtime values
        self.functions = Counter()    # by kind
        self.layers = Counter()
        self.expr = Counter()         # how a function's runtime is written

    def rt(self):
        """A runtime identifier that is written into a file (counted)."""
        v = self.r.choices(RUNTIMES, _WEIGHTS)[0]
        self.written[v] += 1
        return v

    def rt_set(self, first, extra):
        """Sorted distinct runtimes including first, for AllowedValues (each one counted)."""
        vals = sorted({first} | {self.r.choices(RUNTIMES, _WEIGHTS)[0] for _ in range(extra)})
        for v in vals:
            self.written[v] += 1
        return vals

    def word(self):
        return self.r.choice(WORDS)

    def handler(self, rt):
        for k, h in HANDLERS.items():
            if rt.startswith(k):
                return h
        return "index.handler"


# ---------------------------------------------------------------- CloudFormation model
# Values: str/int/bool/list/dict, Fn(name, arg) for intrinsics, C(value, comment) for a value
# with a trailing comment, Lit(s, quote) for a quoted string, and dict keys starting with "#"
# for a comment line (YAML only; dropped in JSON).

class Fn:
    def __init__(self, name, arg):
        self.name, self.arg = name, arg


class C:
    def __init__(self, value, comment):
        self.value, self.comment = value, comment


class Lit:
    def __init__(self, s, q):
        self.s, self.q = s, q


def Ref(x): return Fn("Ref", x)
def Sub(x): return Fn("Sub", x)
def GetAtt(x): return Fn("GetAtt", x)
def If(c, a, b): return Fn("If", [c, a, b])
def FindInMap(m, k1, k2): return Fn("FindInMap", [m, k1, k2])
def Equals(a, b): return Fn("Equals", [a, b])


_PLAIN = re.compile(r"[A-Za-z_/][A-Za-z0-9_./:*-]*( [A-Za-z0-9_./()-]+)*")
_RESERVED = {"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"}


def yq(s):
    if s == "":
        return "''"
    if _PLAIN.fullmatch(s) and s.lower() not in _RESERVED and ": " not in s and not s.endswith(":"):
        return s
    return "'" + s.replace("'", "''") + "'"


def y_scalar(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return str(v)
    if isinstance(v, Lit):
        return {"'": f"'{v.s}'", '"': f'"{v.s}"'}.get(v.q, v.s)
    return yq(v)


def y_flow(v):
    """Flow form of v, or None when it needs block form."""
    if isinstance(v, C):
        return None
    if isinstance(v, Fn):
        if isinstance(v.arg, list):
            inner = y_flow(v.arg)
        elif isinstance(v.arg, (dict, Fn)) or "\n" in str(v.arg):
            inner = None
        else:
            inner = y_scalar(v.arg)
        return None if inner is None else f"!{v.name} {inner}"
    if isinstance(v, list):
        parts = []
        for x in v:
            f = None if isinstance(x, dict) else y_flow(x)
            if f is None:
                return None
            parts.append(f)
        s = "[" + ", ".join(parts) + "]"
        return s if len(s) < 90 else None
    if isinstance(v, dict):
        if not v:
            return "{}"
        if len(v) > 3 or any(k.startswith("#") for k in v):
            return None
        parts = []
        for k, x in v.items():
            f = y_flow(x)
            if f is None:
                return None
            parts.append(f"{k}: {f}")
        s = "{" + ", ".join(parts) + "}"
        return s if len(s) < 70 else None
    if isinstance(v, str) and "\n" in v:
        return None
    return y_scalar(v)


def y_block(v, ind, out, flow_ok):
    """Appends the lines of v as a block at indent ind; returns the text after 'key:'."""
    pad = " " * ind
    if isinstance(v, C):
        head = y_block(v.value, ind, out, flow_ok)
        return head + "  # " + v.comment if head else head
    if flow_ok:
        f = y_flow(v)
        if f is not None and not (isinstance(v, dict) and len(v) > 1):
            return " " + f
    if isinstance(v, str) and "\n" in v:
        out.extend(pad + line if line else "" for line in v.rstrip("\n").split("\n"))
        return " |"
    if isinstance(v, Fn):
        if isinstance(v.arg, str) and "\n" in v.arg:
            out.extend(pad + line if line else "" for line in v.arg.rstrip("\n").split("\n"))
            return f" !{v.name} |"
        sub = []
        head = y_block(v.arg, ind, sub, False)
        if head.strip() and not sub:
            return f" !{v.name}{head}"
        out.extend(sub)
        return f" !{v.name}"
    if isinstance(v, list):
        for x in v:
            sub = []
            head = y_block(x, ind + 2, sub, True)
            if isinstance(x, dict) and not head.strip() and sub:
                out.append(pad + "- " + sub[0].lstrip())
                out.extend(sub[1:])
            else:
                out.append(pad + "-" + head)
                out.extend(sub)
        return ""
    if isinstance(v, dict):
        for k, x in v.items():
            if k.startswith("#"):
                out.append(pad + k)
                continue
            sub = []
            head = y_block(x, ind + 2, sub, True)
            out.append(pad + k + ":" + head)
            out.extend(sub)
        return ""
    return " " + y_scalar(v)


SECTIONS = ("Resources", "Parameters", "Outputs", "Mappings", "Conditions", "Globals", "Metadata", "Rules")


def to_yaml(doc, header):
    out = list(header)
    for k, v in doc.items():
        if k in SECTIONS and out:
            out.append("")
        sub = []
        head = y_block(v, 2, sub, k not in SECTIONS)
        out.append(k + ":" + head)
        out.extend(sub)
    return "\n".join(out) + "\n"


def to_json_value(v):
    if isinstance(v, C):
        return to_json_value(v.value)
    if isinstance(v, Lit):
        return v.s
    if isinstance(v, Fn):
        a = v.arg
        if v.name == "Ref":
            return {"Ref": a}
        if v.name == "GetAtt" and isinstance(a, str):
            return {"Fn::GetAtt": a.split(".", 1)}
        return {"Fn::" + v.name: to_json_value(a)}
    if isinstance(v, list):
        return [to_json_value(x) for x in v]
    if isinstance(v, dict):
        return {k: to_json_value(x) for k, x in v.items() if not k.startswith("#")}
    return v


def role(g, name, extra_statements):
    stmts = [{"Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
              "Resource": Sub("arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/lambda/*")}]
    for _ in range(extra_statements):
        w = g.word()
        stmts.append({"Effect": "Allow",
                      "Action": g.r.sample(["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query",
                                            "s3:GetObject", "s3:PutObject", "sqs:SendMessage",
                                            "sqs:ReceiveMessage", "sns:Publish", "kms:Decrypt",
                                            "secretsmanager:GetSecretValue", "events:PutEvents"],
                                           g.r.randint(1, 4)),
                      "Resource": Sub(f"arn:${{AWS::Partition}}:dynamodb:${{AWS::Region}}:${{AWS::AccountId}}:table/{w}-*")})
    return {"Type": "AWS::IAM::Role",
            "Properties": {
                "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
                    {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
                     "Action": "sts:AssumeRole"}]},
                "ManagedPolicyArns": [Sub("arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole")],
                "Policies": [{"PolicyName": f"{name}-access", "PolicyDocument": {"Version": "2012-10-17",
                                                                                  "Statement": stmts}}],
                "Tags": [{"Key": "service", "Value": name}]}}


def state_machine(g, fns, target):
    """A Step Functions state machine whose DefinitionString is about target bytes."""
    states, i, size = {}, 0, 0
    while size < target:
        fn = g.r.choice(fns) if fns else None
        states[f"Step{i}"] = {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                              "Parameters": {"FunctionName": f"${{{fn}}}" if fn else "${AWS::StackName}-noop",
                                             "Payload.$": "$"},
                              "Retry": [{"ErrorEquals": ["Lambda.ServiceException", "Lambda.TooManyRequestsException"],
                                         "IntervalSeconds": 2, "MaxAttempts": 6, "BackoffRate": 2}],
                              "ResultPath": f"$.step{i}", "Next": f"Step{i + 1}"}
        size += len(json.dumps(states[f"Step{i}"], indent=2)) + 12
        i += 1
    states[f"Step{i}"] = {"Type": "Succeed"}
    text = json.dumps({"Comment": "generated pipeline", "StartAt": "Step0", "States": states}, indent=2)
    return {"Type": "AWS::StepFunctions::StateMachine",
            "Properties": {"RoleArn": GetAtt("StateMachineRole.Arn"), "DefinitionString": Sub(text + "\n")}}


def openapi(g, target):
    paths, i, size = {}, 0, 0
    while size < target:
        w = g.word()
        p = f"/{w}/{{id}}/v{i}"
        paths[p] = {m: {
            "operationId": f"{m}{w.title()}{i}",
            "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
            "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": {
                "type": "object", "properties": {"id": {"type": "string"}, "name": {"type": "string"},
                                                 "updatedAt": {"type": "string", "format": "date-time"}}}}}}},
            "x-amazon-apigateway-integration": {"type": "aws_proxy", "httpMethod": "POST",
                                                "uri": Sub("arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${ApiFunction.Arn}/invocations")}}
            for m in ("get", "put")}
        size += len(json.dumps(to_json_value(paths[p]), indent=2)) + 20
        i += 1
    return {"openapi": "3.0.1", "info": {"title": "generated", "version": "1.0"}, "paths": paths}


def cfn_template(g, kind):
    """kind: cfn-yaml, cfn-json or cdk. Returns (doc, header comment lines)."""
    r = g.r
    svc = f"{g.word()}-{r.randrange(1000):03d}"
    doc = {"AWSTemplateFormatVersion": "2010-09-09",
           "Description": f"{svc}: {g.word()} service stack (owner: team-{r.randrange(40):02d})"}
    params, conds, mappings, res, outs = {}, {}, {}, {}, {}
    header = [f"# {svc} - deployed by the platform pipeline", "# Do not edit the runtime without the owners."] \
        if kind == "cfn-yaml" and r.random() < 0.8 else []
    cdk = kind == "cdk"
    if not cdk:
        params["Stage"] = {"Type": "String", "Default": "dev", "AllowedValues": ["dev", "staging", "prod"],
                           "Description": "Deployment stage"}
        conds["IsProd"] = Equals(Ref("Stage"), "prod")
    use_param = not cdk and r.random() < 0.45
    if use_param:
        d = g.rt()
        p = {"Type": "String", "Default": C(d, "pinned by the build image") if r.random() < 0.3 else d,
             "Description": "Lambda runtime for the functions of this stack"}
        if r.random() < 0.5:
            p["AllowedValues"] = g.rt_set(d, r.randint(2, 4))
        params["FunctionRuntime"] = p
    use_map = not cdk and r.random() < 0.3
    if use_map:
        mappings["RuntimeByStage"] = {s: {"runtime": g.rt()} for s in ("dev", "staging", "prod")}
    if not cdk and r.random() < 0.5:
        mappings["RegionConfig"] = {reg: {"LogRetention": r.choice([7, 14, 30, 90]), "Az": f"{reg}a"}
                                    for reg in ("us-east-1", "eu-west-1", "ap-southeast-2")}
    if not cdk and r.random() < 0.3:
        params["VpcSubnets"] = {"Type": "List<AWS::EC2::Subnet::Id>", "Description": "private subnets"}
    if not cdk and r.random() < 0.25:
        params["SharedLayerArn"] = {"Type": "AWS::SSM::Parameter::Value<String>",
                                    "Default": "/platform/layers/common/arn"}
    nres = round(r.triangular(3, 30, 5))
    fn_names, tables, used = [], [], {"param": False, "map": False}
    shared_role = r.random() < 0.4
    if shared_role:
        res["FunctionRole"] = role(g, svc, r.randint(1, 4))
    while sum(1 for k in res if not k.startswith("#")) < nres:
        x = r.random()
        i = len(res)
        if x < 0.42:
            name = f"{g.word().title()}Function{i}" if not cdk else f"{g.word().title()}Handler{r.randrange(16**8):08X}"
            y = r.random()
            if use_param and not used["param"]:
                y = 0.6  # every runtime parameter and mapping is used at least once
            elif use_map and not used["map"]:
                y = 0.85
            if (0.55 <= y < 0.72 and not use_param) or (0.8 <= y < 0.9 and not use_map):
                y = 0.0  # no runtime parameter / mapping in this stack: a literal
            if cdk or y < 0.55 or y >= 0.95:
                rt = g.rt()
                runtime = rt if kind != "cfn-yaml" else r.choice([rt, rt, Lit(rt, "'"), Lit(rt, '"')])
                g.expr["literal"] += 1
            elif y < 0.72:
                runtime, rt = Ref("FunctionRuntime"), "python3.12"
                used["param"] = True
                g.expr["ref-parameter"] += 1
            elif y < 0.8:
                runtime, rt = If("IsProd", g.rt(), g.rt()), "nodejs20.x"
                g.expr["if"] += 1
            elif y < 0.9:
                runtime, rt = FindInMap("RuntimeByStage", Ref("Stage"), "runtime"), "python3.12"
                used["map"] = True
                g.expr["findinmap"] += 1
            elif y < 0.915:
                rt = g.rt()
                runtime = Sub(rt)
                g.expr["constant-sub"] += 1
            else:
                runtime, rt = Fn("ImportValue", "platform-default-runtime"), "python3.12"
                g.expr["unresolvable"] += 1
            g.functions[kind] += 1
            props = {"FunctionName": Sub(f"${{AWS::StackName}}-{name.lower()}"),
                     "Description": f"{g.word()} handler",
                     "Handler": g.handler(rt), "Runtime": runtime,
                     "Role": GetAtt("FunctionRole.Arn") if shared_role else GetAtt(f"{name}Role.Arn"),
                     "MemorySize": r.choice([128, 256, 512, 1024, 1769]), "Timeout": r.choice([3, 10, 30, 60, 900]),
                     "Architectures": [r.choice(["x86_64", "arm64"])],
                     "Environment": {"Variables": {"STAGE": Ref("Stage") if not cdk else "prod",
                                                   "TABLE_NAME": Ref(r.choice(tables)) if tables else
                                                   Fn("ImportValue", f"{g.word()}-table"),
                                                   "LOG_LEVEL": r.choice(["INFO", "DEBUG", "WARN"])}}}
            if isinstance(runtime, (str, Lit)) and rt.startswith(("python", "nodejs")) and r.random() < 0.15:
                props["Code"] = {"ZipFile": ("import json\n\ndef handler(event, context):\n    return {'statusCode': 200,"
                                             " 'body': json.dumps(event)}\n") if rt.startswith("python") else
                                 "exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify(event) });\n"}
                props["Handler"] = "index.handler"
            else:
                props["Code"] = {"S3Bucket": Sub("artifacts-${AWS::AccountId}-${AWS::Region}") if not cdk else
                                 Sub("cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}"),
                                 "S3Key": f"{svc}/{name.lower()}-{r.randrange(16**12):012x}.zip"}
            if "VpcSubnets" in params and r.random() < 0.5:
                props["VpcConfig"] = {"SubnetIds": Ref("VpcSubnets"),
                                      "SecurityGroupIds": [Fn("ImportValue", "platform-lambda-sg")]}
            if "SharedLayerArn" in params and r.random() < 0.5:
                props["Layers"] = [Ref("SharedLayerArn")]
            props["Tags"] = [{"Key": "service", "Value": svc}, {"Key": "team", "Value": f"team-{r.randrange(40):02d}"}]
            body = {"Type": "AWS::Lambda::Function", "Properties": props}
            if cdk:
                body["Metadata"] = {"aws:cdk:path": f"{svc}/{name}/Resource",
                                    "aws:asset:path": f"asset.{r.randrange(16**16):016x}",
                                    "aws:asset:is-bundled": False, "aws:asset:property": "Code"}
            if kind == "cfn-yaml" and r.random() < 0.2:
                res[f"# {name}: see docs/runbooks/{g.word()}.md"] = None
            res[name] = body
            fn_names.append(name)
            if not shared_role:
                res[f"{name}Role"] = role(g, f"{svc}-{name.lower()}", r.randint(0, 3))
            if r.random() < 0.3:
                res[f"{name}LogGroup"] = {"Type": "AWS::Logs::LogGroup", "Properties": {
                    "LogGroupName": Sub(f"/aws/lambda/${{{name}}}"),
                    "RetentionInDays": FindInMap("RegionConfig", Ref("AWS::Region"), "LogRetention")
                    if "RegionConfig" in mappings else 30}}
        elif x < 0.48:
            g.layers[kind] += 1
            res[f"DepsLayer{i}"] = {"Type": "AWS::Lambda::LayerVersion", "Properties": {
                "LayerName": Sub(f"${{AWS::StackName}}-deps-{i}"), "Description": "shared dependencies",
                "CompatibleRuntimes": [g.rt() for _ in range(r.randint(1, 4))],
                "CompatibleArchitectures": ["x86_64", "arm64"],
                "Content": {"S3Bucket": Sub("artifacts-${AWS::AccountId}"), "S3Key": f"layers/deps-{i}.zip"}}}
        elif x < 0.6:
            res[f"DataBucket{i}"] = {"Type": "AWS::S3::Bucket", "DeletionPolicy": "Retain",
                                     "UpdateReplacePolicy": "Retain", "Properties": {
                "BucketName": Sub(f"${{AWS::StackName}}-{g.word()}-{i}-${{AWS::AccountId}}"),
                "VersioningConfiguration": {"Status": "Enabled"},
                "BucketEncryption": {"ServerSideEncryptionConfiguration": [
                    {"ServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms"}}]},
                "PublicAccessBlockConfiguration": {"BlockPublicAcls": True, "BlockPublicPolicy": True,
                                                   "IgnorePublicAcls": True, "RestrictPublicBuckets": True}}}
        elif x < 0.72:
            tables.append(f"Table{i}")
            res[f"Table{i}"] = {"Type": "AWS::DynamoDB::Table", "DeletionPolicy": "Retain",
                                "UpdateReplacePolicy": "Retain", "Properties": {
                "BillingMode": "PAY_PER_REQUEST",
                "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                                         {"AttributeName": "sk", "AttributeType": "S"}],
                "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
                "PointInTimeRecoverySpecification": {
                    "PointInTimeRecoveryEnabled": If("IsProd", True, False) if not cdk else True}}}
        elif x < 0.82:
            res[f"Queue{i}"] = {"Type": "AWS::SQS::Queue", "Properties": {
                "VisibilityTimeout": 180, "MessageRetentionPeriod": 1209600,
                "RedrivePolicy": {"deadLetterTargetArn": GetAtt(f"Queue{i}Dlq.Arn"), "maxReceiveCount": 5}}}
            res[f"Queue{i}Dlq"] = {"Type": "AWS::SQS::Queue", "Properties": {"MessageRetentionPeriod": 1209600}}
        elif x < 0.9 and fn_names:
            fn = r.choice(fn_names)
            res[f"{fn}Schedule{i}"] = {"Type": "AWS::Events::Rule", "Properties": {
                "ScheduleExpression": r.choice(["rate(5 minutes)", "cron(0 3 * * ? *)", "rate(1 hour)"]),
                "Targets": [{"Arn": GetAtt(f"{fn}.Arn"), "Id": "target"}]}}
            res[f"{fn}Permission{i}"] = {"Type": "AWS::Lambda::Permission", "Properties": {
                "FunctionName": Ref(fn), "Action": "lambda:InvokeFunction", "Principal": "events.amazonaws.com",
                "SourceArn": GetAtt(f"{fn}Schedule{i}.Arn")}}
        elif fn_names:
            fn = r.choice(fn_names)
            res[f"{fn}Errors{i}"] = {"Type": "AWS::CloudWatch::Alarm", "Properties": {
                "AlarmDescription": Sub(f"Errors of ${{{fn}}}"), "Namespace": "AWS/Lambda", "MetricName": "Errors",
                "Dimensions": [{"Name": "FunctionName", "Value": Ref(fn)}], "Statistic": "Sum", "Period": 300,
                "EvaluationPeriods": 1, "Threshold": 1, "ComparisonOperator": "GreaterThanOrEqualToThreshold",
                "TreatMissingData": "notBreaching"}}
        else:
            res[f"Topic{i}"] = {"Type": "AWS::SNS::Topic",
                                "Properties": {"TopicName": Sub(f"${{AWS::StackName}}-{g.word()}")}}
    if r.random() < 0.07:  # a large template: a long state machine definition
        res["StateMachineRole"] = role(g, f"{svc}-sfn", 1)
        res["StateMachineRole"]["Properties"]["AssumeRolePolicyDocument"]["Statement"][0]["Principal"] = \
            {"Service": "states.amazonaws.com"}
        res["Pipeline"] = state_machine(g, fn_names, r.randint(15000, 40000))
    for fn in fn_names[:r.randint(0, 4)]:
        o = {"Value": GetAtt(f"{fn}.Arn")}
        if r.random() < 0.5:
            o["Export"] = {"Name": Sub(f"${{AWS::StackName}}-{fn}Arn")}
        outs[f"{fn}Arn"] = o
    if cdk:
        doc.pop("AWSTemplateFormatVersion")
        params["BootstrapVersion"] = {
            "Type": "AWS::SSM::Parameter::Value<String>", "Default": "/cdk-bootstrap/hnb659fds/version",
            "Description": "Version of the CDK Bootstrap resources in this environment, automatically retrieved "
                           "from SSM Parameter Store. [cdk:skip]"}
    if params:
        doc["Parameters"] = params
    if mappings:
        doc["Mappings"] = mappings
    if conds:
        doc["Conditions"] = conds
    doc["Resources"] = res
    if outs:
        doc["Outputs"] = outs
    if cdk:
        doc["Rules"] = {"CheckBootstrapVersion": {"Assertions": [{
            "Assert": Fn("Not", [Fn("Contains", [["1", "2", "3", "4", "5"], Ref("BootstrapVersion")])]),
            "AssertDescription": "CDK bootstrap stack version 6 required."}]}}
    return doc, header


def sam_template(g):
    r = g.r
    app = f"{g.word()}-{g.word()}-{r.randrange(1000):03d}"
    glob_rt = g.rt()
    param_rt = r.random() < 0.15
    doc = {"AWSTemplateFormatVersion": "2010-09-09", "Transform": "AWS::Serverless-2016-10-31",
           "Description": f"{app} (SAM)"}
    if param_rt:
        doc["Parameters"] = {"Runtime": {"Type": "String", "Default": glob_rt,
                                         "AllowedValues": g.rt_set(glob_rt, 2)}}
    doc["Globals"] = {"Function": {"Runtime": Ref("Runtime") if param_rt else glob_rt,
                                   "Timeout": r.choice([3, 10, 29]), "MemorySize": r.choice([128, 256, 512]),
                                   "Tracing": "Active", "Architectures": [r.choice(["x86_64", "arm64"])],
                                   "Environment": {"Variables": {"POWERTOOLS_SERVICE_NAME": app, "LOG_LEVEL": "INFO"}}},
                      "Api": {"Cors": {"AllowOrigin": "'*'", "AllowHeaders": "'Content-Type,Authorization'"}}}
    res = {}
    nfn = round(r.triangular(2, 12, 3))
    ignore_at = r.randrange(nfn) if r.random() < 0.7 else -1
    for i in range(nfn):
        name = f"{g.word().title()}{i}Function"
        props = {"CodeUri": f"src/{name.lower()}/", "Handler": g.handler(glob_rt), "Description": f"{g.word()} endpoint"}
        attrs = {}
        if i == ignore_at:
            # a resource attribute (beside Type), not a property: SAM v1.80+
            attrs["IgnoreGlobals"] = r.choice([["Runtime"], ["Runtime", "Timeout"], "*"])
            rt = g.rt()
            props["Runtime"] = rt
            props["Handler"] = g.handler(rt)
            g.expr["sam-ignore-globals"] += 1
        elif r.random() < 0.3:
            rt = g.rt()
            props["Runtime"] = C(rt, "not yet migrated") if r.random() < 0.3 else rt
            props["Handler"] = g.handler(rt)
            g.expr["literal"] += 1
        else:
            g.expr["sam-global"] += 1
        props["Policies"] = [{"DynamoDBCrudPolicy": {"TableName": Ref("ItemsTable")}}, "AWSXRayDaemonWriteAccess"]
        ev = r.choice(["Api", "SQS", "Schedule"])
        if ev == "Api":
            props["Events"] = {"Get": {"Type": "Api", "Properties": {"Path": f"/items/{i}/{{id}}", "Method": "get"}}}
        elif ev == "SQS":
            props["Events"] = {"Queue": {"Type": "SQS", "Properties": {"Queue": GetAtt("WorkQueue.Arn"), "BatchSize": 10}}}
        else:
            props["Events"] = {"Nightly": {"Type": "Schedule", "Properties": {"Schedule": "cron(0 2 * * ? *)"}}}
        if r.random() < 0.4:
            props["AutoPublishAlias"] = "live"
            props["DeploymentPreference"] = {"Type": "Canary10Percent5Minutes"}
        res[name] = {"Type": "AWS::Serverless::Function", **attrs, "Properties": props}
        g.functions["sam"] += 1
    if r.random() < 0.3:
        g.layers["sam"] += 1
        res["DepsLayer"] = {"Type": "AWS::Serverless::LayerVersion", "Properties": {
            "ContentUri": "layers/deps/", "CompatibleRuntimes": [g.rt() for _ in range(r.randint(1, 3))],
            "RetentionPolicy": "Retain"}, "Metadata": {"BuildMethod": "python3.12"}}
    res["ItemsTable"] = {"Type": "AWS::Serverless::SimpleTable",
                         "Properties": {"PrimaryKey": {"Name": "id", "Type": "String"}}}
    res["WorkQueue"] = {"Type": "AWS::SQS::Queue"}
    if r.random() < 0.08:  # a large template: an inline OpenAPI definition
        res["ApiFunction"] = {"Type": "AWS::Serverless::Function",
                              "Properties": {"CodeUri": "src/api/", "Handler": g.handler(glob_rt)}}
        g.functions["sam"] += 1
        g.expr["sam-global"] += 1
        res["RestApi"] = {"Type": "AWS::Serverless::Api", "Properties": {
            "StageName": "prod", "DefinitionBody": openapi(g, r.randint(15000, 40000))}}
    doc["Resources"] = res
    doc["Outputs"] = {"TableName": {"Value": Ref("ItemsTable")}}
    return doc, ["# SAM application: sam build && sam deploy --guided"] if r.random() < 0.7 else []


# ---------------------------------------------------------------- Serverless Framework

def serverless_yml(g):
    r = g.r
    svc = f"{g.word()}-{g.word()}"
    fw = r.choice(["'3'", "'3'", "'2'", "'4'", "^3.38.0"])
    prov_mode = r.random()
    custom = ["  stage: ${opt:stage, 'dev'}", "  tableName: ${self:service}-${self:custom.stage}-items"]
    if prov_mode < 0.55:
        prov_line, g_prov = f"  runtime: {g.rt()}", "literal"
    elif prov_mode < 0.8:
        custom.append(f"  runtime: {g.rt()}   # bump with the base image")
        prov_line, g_prov = "  runtime: ${self:custom.runtime}", "self-ref"
    elif prov_mode < 0.92:
        prov_line, g_prov = f"  runtime: ${{opt:runtime, '{g.rt()}'}}", "opt-default"
    else:
        prov_line, g_prov = None, "framework-default"
    legacy = r.random() < 0.3
    if legacy:
        custom.append(f"  legacyRuntime: {g.rt()}")
    out = [f"service: {svc}", f"frameworkVersion: {fw}", "", "plugins:", "  - serverless-python-requirements",
           "  - serverless-iam-roles-per-function", "", "custom:"] + custom + [
        "  pythonRequirements:", "    dockerizePip: non-linux", "", "provider:", "  name: aws"]
    if prov_line:
        out.append(prov_line)
    out += ["  stage: ${self:custom.stage}", "  region: ${opt:region, 'eu-west-1'}", "  memorySize: 256",
            "  timeout: 20", "  logRetentionInDays: 14", "  environment:",
            "    TABLE_NAME: ${self:custom.tableName}", "    STAGE: ${sls:stage}", "  iam:", "    role:",
            "      statements:", "        - Effect: Allow", "          Action:", "            - dynamodb:GetItem",
            "            - dynamodb:PutItem", "            - dynamodb:Query",
            "          Resource: !GetAtt ItemsTable.Arn" if r.random() < 0.5 else
            "          Resource: arn:aws:dynamodb:${aws:region}:${aws:accountId}:table/${self:custom.tableName}",
            "", "functions:"]
    for i in range(r.randint(2, 14)):
        name = f"{g.word()}{i}"
        out += [f"  {name}:", f"    handler: src/{name}.handler", f"    description: {g.word()} handler"]
        k = r.random()
        if k < 0.25:
            out.append(f"    runtime: {g.rt()}")
            g.expr["literal"] += 1
        elif legacy and k < 0.4:
            out.append("    runtime: ${self:custom.legacyRuntime}")
            g.expr["self-ref"] += 1
        elif k < 0.43:
            out += ["    image:", f"      uri: ${{aws:accountId}}.dkr.ecr.eu-west-1.amazonaws.com/{svc}:latest"]
            g.expr["image"] += 1
        else:
            g.expr["provider-" + g_prov] += 1
        ev = r.choice(["http", "sqs", "schedule", "s3"])
        out.append("    events:")
        if ev == "http":
            out += ["      - httpApi:", f"          path: /{name}/{{id}}", "          method: get"]
        elif ev == "sqs":
            out += ["      - sqs:", "          arn: !GetAtt WorkQueue.Arn", "          batchSize: 10"]
        elif ev == "schedule":
            out += ["      - schedule: rate(10 minutes)"]
        else:
            out += ["      - s3:", "          bucket: ${self:service}-uploads-${sls:stage}",
                    "          event: s3:ObjectCreated:*"]
        g.functions["serverless"] += 1
    if r.random() < 0.2:
        g.layers["serverless"] += 1
        out += ["", "layers:", "  deps:", "    path: layers/deps", "    compatibleRuntimes:"] + \
               [f"      - {g.rt()}" for _ in range(r.randint(1, 3))]
    out += ["", "resources:", "  Resources:", "    ItemsTable:", "      Type: AWS::DynamoDB::Table", "      Properties:",
            "        TableName: ${self:custom.tableName}", "        BillingMode: PAY_PER_REQUEST",
            "        AttributeDefinitions:", "          - AttributeName: id", "            AttributeType: S",
            "        KeySchema:", "          - AttributeName: id", "            KeyType: HASH",
            "    WorkQueue:", "      Type: AWS::SQS::Queue"]
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- Terraform

_TF_ATTR = re.compile(r"^(\s*)([A-Za-z_][A-Za-z0-9_-]*)\s*=\s(.*)$")


def tf_fmt(text):
    """Aligns the '=' of consecutive one-line attributes, as terraform fmt does."""
    out, group, heredoc = [], [], None

    def flush():
        if group:
            w = max(len(m.group(2)) for m in group)
            out.extend(f"{m.group(1)}{m.group(2).ljust(w)} = {m.group(3)}" for m in group)
            group.clear()

    for line in text.split("\n"):
        if heredoc:
            out.append(line)
            if line.strip() == heredoc:
                heredoc = None
            continue
        m = _TF_ATTR.match(line)
        multi = m and m.group(3).endswith(("{", "(", "["))
        if m and not multi and group and group[0].group(1) != m.group(1):
            flush()
        if m and not multi:
            group.append(m)
            if "<<" in m.group(3):  # a heredoc is aligned with the attributes above it, then ends the group
                heredoc = m.group(3).split("<<", 1)[1].lstrip("-").strip()
                flush()
            continue
        flush()
        out.append(line)
    flush()
    return "\n".join(out)


class TfFolder:
    def __init__(self, g, path):
        self.path = path
        self.files = 0
        self.seq = 0
        self.var = f"{g.word()}_runtime"
        self.local = f"{g.word()}_runtime"


def tf_main(g, folder):
    r = g.r
    out = ['terraform {', '  required_version = ">= 1.5"', '  required_providers {',
           '    aws = {', '      source  = "hashicorp/aws"', f'      version = "~> {r.choice(["4.67", "5.0", "5.40"])}"',
           '    }', '  }', '}', '', 'provider "aws" {', '  region = var.region', '}', '',
           '# Runtime shared by every function of this module.',
           f'variable "{folder.var}" {{', '  type        = string', '  description = "Lambda runtime"',
           f'  default     = "{g.rt()}"']
    if r.random() < 0.2:
        out += ['', '  validation {', f'    condition     = can(regex("^(python|nodejs|java)", var.{folder.var}))',
                '    error_message = "Unsupported runtime."', '  }']
    out += ['}', '', 'variable "region" {', '  type    = string', '  default = "eu-west-1"', '}', '',
            'variable "environment" {', '  type    = string', '  default = "dev"', '}', '',
            'locals {', f'  {folder.local} = "{g.rt()}"', '  name_prefix = "${var.environment}-' + g.word() + '"',
            '  common_tags = {', f'    team        = "team-{r.randrange(40):02d}"',
            '    environment = var.environment', '    managed_by  = "terraform"', '  }', '}', '']
    out += tf_resources(g, folder, r.randint(1, 5))
    return tf_fmt("\n".join(out) + "\n")


def tf_resources(g, folder, n):
    r = g.r
    out = []
    for _ in range(n):
        folder.seq += 1
        name = f"{g.word()}_{folder.seq}"
        k = r.random()
        if k < 0.5:
            x = r.random()
            if x < 0.5:
                expr = f'"{g.rt()}"'
                g.expr["literal"] += 1
            elif x < 0.72:
                expr = f"var.{folder.var}"
                g.expr["tf-var"] += 1
            elif x < 0.87:
                expr = f"local.{folder.local}"
                g.expr["tf-local"] += 1
            else:
                expr = f'var.environment == "prod" ? "{g.rt()}" : "{g.rt()}"'
                g.expr["tf-conditional"] += 1
            g.functions["terraform"] += 1
            out += [f'data "archive_file" "{name}" {{', '  type = "zip"', f'  source_dir = "${{path.module}}/src/{name}"',
                    f'  output_path = "${{path.module}}/build/{name}.zip"', '}', '',
                    f'resource "aws_lambda_function" "{name}" {{']
            if r.random() < 0.15:
                out += ['  count = var.environment == "prod" ? 1 : 0', '']
            out += [f'  function_name = "${{local.name_prefix}}-{name}"',
                    f'  role = aws_iam_role.{name}.arn', '  handler = "index.handler"',
                    f'  runtime = {expr}', f'  filename = data.archive_file.{name}.output_path',
                    f'  source_code_hash = data.archive_file.{name}.output_base64sha256',
                    f'  memory_size = {r.choice([128, 256, 512, 1024])}', f'  timeout = {r.choice([3, 15, 30, 300])}',
                    '', '  environment {', '    variables = {', '      STAGE = var.environment',
                    f'      TABLE = "{g.word()}"', '    }', '  }', '', '  tracing_config {', '    mode = "Active"', '  }',
                    '', '  tags = local.common_tags', '}', '',
                    f'resource "aws_iam_role" "{name}" {{', f'  name = "${{local.name_prefix}}-{name}"',
                    '  assume_role_policy = jsonencode({', '    Version = "2012-10-17"', '    Statement = [{',
                    '      Effect = "Allow"', '      Principal = { Service = "lambda.amazonaws.com" }',
                    '      Action = "sts:AssumeRole"', '    }]', '  })', '}', '']
            if r.random() < 0.5:
                out += [f'resource "aws_iam_role_policy" "{name}" {{', f'  role = aws_iam_role.{name}.id',
                        '  policy = <<-EOF', '    {', '      "Version": "2012-10-17",', '      "Statement": [{',
                        '        "Effect": "Allow",', '        "Action": ["dynamodb:GetItem", "dynamodb:PutItem"],',
                        f'        "Resource": "arn:aws:dynamodb:*:*:table/{g.word()}"', '      }]', '    }', '  EOF', '}', '']
            if r.random() < 0.4:
                out += [f'resource "aws_cloudwatch_log_group" "{name}" {{',
                        f'  name = "/aws/lambda/${{local.name_prefix}}-{name}"',
                        '  retention_in_days = 14', '}', '']
        elif k < 0.65:
            g.functions["terraform-module"] += 1
            if r.random() < 0.6:
                expr = f'"{g.rt()}"'
                g.expr["literal"] += 1
            else:
                expr = f"var.{folder.var}"
                g.expr["tf-var"] += 1
            out += [f'module "{name}" {{', '  source = "terraform-aws-modules/lambda/aws"',
                    f'  version = "~> {r.choice(["6.0", "7.2", "7.20"])}"', '',
                    f'  function_name = "${{local.name_prefix}}-{name}"', '  description = "managed by the module"',
                    '  handler = "app.handler"', f'  runtime = {expr}',
                    f'  source_path = "${{path.module}}/src/{name}"', '  attach_policy_json = true',
                    '  policy_json = jsonencode({', '    Version = "2012-10-17"',
                    '    Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = ["*"] }]', '  })',
                    '  tags = local.common_tags', '}', '']
        elif k < 0.72:
            g.layers["terraform"] += 1
            rts = ", ".join(f'"{g.rt()}"' for _ in range(r.randint(1, 3)))
            if r.random() < 0.3:
                rts += f", var.{folder.var}"
            out += [f'resource "aws_lambda_layer_version" "{name}" {{', f'  layer_name = "{name}"',
                    f'  filename = "${{path.module}}/layers/{name}.zip"',
                    f'  compatible_runtimes = [{rts}]', '  compatible_architectures = ["x86_64", "arm64"]', '}', '']
        elif k < 0.85:
            out += [f'resource "aws_s3_bucket" "{name}" {{', f'  bucket = "${{local.name_prefix}}-{name.replace("_", "-")}"',
                    '  tags = local.common_tags', '}', '',
                    f'resource "aws_s3_bucket_versioning" "{name}" {{', f'  bucket = aws_s3_bucket.{name}.id',
                    '  versioning_configuration {', '    status = "Enabled"', '  }', '}', '']
        elif k < 0.93:
            out += [f'resource "aws_dynamodb_table" "{name}" {{', f'  name = "${{local.name_prefix}}-{name}"',
                    '  billing_mode = "PAY_PER_REQUEST"', '  hash_key = "pk"', '', '  attribute {',
                    '    name = "pk"', '    type = "S"', '  }', '', '  dynamic "replica" {',
                    '    for_each = var.environment == "prod" ? ["us-east-1"] : []', '    content {',
                    '      region_name = replica.value', '    }', '  }', '}', '']
        else:
            out += ['/* Bastion for the on-call runbook.', '   runtime notes live in the wiki. */',
                    f'resource "aws_instance" "{name}" {{', '  ami = "ami-0abcdef1234567890"',
                    '  instance_type = "t3.micro"', '  user_data = <<-EOT', '    #!/bin/bash',
                    '    dnf install -y postgresql15', '    echo "ready" > /tmp/ready', '  EOT', '}', '']
    out += [f'output "{folder.var}_{folder.files}" {{', f'  value = var.{folder.var}', '}', '']
    return out


def tf_extra(g, folder):
    out = [f"// {g.word()} functions, split from main.tf", ""]
    if g.r.random() < 0.3:
        out += [f'variable "{g.word()}_memory_{folder.files}" {{', '  type = number', '  default = 256', '}', '']
    out += tf_resources(g, folder, g.r.randint(1, 6))
    return tf_fmt("\n".join(out) + "\n")


# ---------------------------------------------------------------- files that are no templates

OTHER = [
    ("README.md", "# {w} service\n\nDeploy with `sam deploy`. Resources: AWS::Lambda::Function, runtime python3.12.\n"),
    ("package.json", '{\n  "name": "{w}",\n  "version": "1.0.0",\n  "engines": {"node": ">=18"},\n'
                     '  "scripts": {"build": "tsc", "deploy": "cdk deploy"},\n  "devDependencies": {"aws-cdk-lib": "2.150.0"}\n}\n'),
    ("docker-compose.yml", "services:\n  web:\n    image: public.ecr.aws/lambda/python:3.12\n    ports: ['9000:8080']\n"
                           "  db:\n    image: postgres:15\n    environment:\n      POSTGRES_PASSWORD: example\n"),
    (".github/workflows/ci.yml", "name: ci\non: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n"
                                 "    steps:\n      - uses: actions/checkout@v4\n      - uses: actions/setup-python@v5\n"
                                 "        with:\n          python-version: '3.12'\n      - run: make test\n"),
    ("cdk.json", '{\n  "app": "npx ts-node --prefer-ts-exts bin/{w}.ts",\n  "context": {"@aws-cdk/core:stackRelativeExports": true}\n}\n'),
    ("cdk.out/manifest.json", '{\n  "version": "36.0.0",\n  "artifacts": {\n    "{w}Stack": {\n      "type": "aws:cloudformation:stack",\n'
                              '      "environment": "aws://unknown-account/unknown-region",\n'
                              '      "properties": {"templateFile": "{w}Stack.template.json"}\n    }\n  }\n}\n'),
    ("k8s/deployment.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {w}\nspec:\n  replicas: 2\n"
                            "  template:\n    spec:\n      containers:\n        - name: app\n          image: {w}:latest\n"),
    ("config/settings.yaml", "# application settings\nlogging:\n  level: info\nfeatures:\n  {w}: true\nresources:\n  cpu: 2\n"),
    ("samconfig.toml", 'version = 0.1\n[default.deploy.parameters]\nstack_name = "{w}"\ncapabilities = "CAPABILITY_IAM"\n'),
]


def other_file(g, i):
    name, text = g.r.choice(OTHER)
    w = g.word()
    return f"misc/{w}-{i:05d}/{name}", text.replace("{w}", w)


# ---------------------------------------------------------------- driver

def main():
    args = sys.argv[1:]
    if not args or args[0].startswith("-"):
        sys.exit("usage: gen_iac_tree.py OUT_DIR [--files N] [--seed S]")
    out_dir = args[0]
    n = int(args[args.index("--files") + 1]) if "--files" in args else 10000
    seed = int(args[args.index("--seed") + 1]) if "--seed" in args else 42
    g = Gen(seed)
    r = g.r
    by_kind, bytes_by_kind, sizes, cfn_paths, seen = Counter(), Counter(), [], [], set()
    tf = cdk_app = None

    def write(kind, path, text):
        assert path not in seen, path
        seen.add(path)
        full = os.path.join(out_dir, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        data = text.encode()
        with open(full, "wb") as f:
            f.write(data)
        by_kind[kind] += 1
        bytes_by_kind[kind] += len(data)
        sizes.append(len(data))
        if kind in ("cfn-yaml", "cfn-json", "cdk", "sam"):
            cfn_paths.append(path)

    for i in range(n):
        x = r.random()
        team = f"team-{r.randrange(40):02d}"
        if x < 0.35:
            doc, header = cfn_template(g, "cfn-yaml")
            path = r.choice([f"services/svc-{i:04d}/template.yaml", f"services/svc-{i:04d}/cloudformation/{g.word()}.yml",
                             f"stacks/{team}/{g.word()}-{i:04d}.yaml", f"platform/{team}/cfn/{g.word()}-{i:04d}.template.yaml"])
            write("cfn-yaml", path, to_yaml(doc, header))
        elif x < 0.50:
            if r.random() < 0.34:
                doc, _ = cfn_template(g, "cdk")
                if cdk_app is None or r.random() < 0.4:
                    cdk_app = f"apps/{g.word()}-cdk-{i:04d}"
                write("cdk", f"{cdk_app}/cdk.out/{g.word().title()}Stack{i}.template.json",
                      json.dumps(to_json_value(doc), indent=1) + "\n")
            else:
                doc, _ = cfn_template(g, "cfn-json")
                path = r.choice([f"stacks/{team}/{g.word()}-{i:04d}.json", f"services/svc-{i:04d}/template.json"])
                write("cfn-json", path, json.dumps(to_json_value(doc), indent=r.choice([2, 4])) + "\n")
        elif x < 0.65:
            doc, header = sam_template(g)
            path = f"sam-apps/{g.word()}-{i:04d}/" + r.choice(["template.yaml", "template.yaml", "template.yml"])
            write("sam", path, to_yaml(doc, header))
        elif x < 0.80:
            write("serverless", f"apps/{g.word()}-{i:04d}/" + r.choice(["serverless.yml", "serverless.yml", "serverless.yaml"]),
                  serverless_yml(g))
        elif x < 0.98:
            if tf is None or tf.files >= 4 or r.random() < 0.45:
                tf = TfFolder(g, r.choice([f"infra/{team}/{g.word()}-{i:04d}",
                                           f"infra/live/{r.choice(['dev', 'prod'])}/{g.word()}-{i:04d}",
                                           f"modules/{g.word()}-{i:04d}"]))
                write("terraform", f"{tf.path}/main.tf", tf_main(g, tf))
                tf.files += 1
            elif r.random() < 0.12:
                write("terraform", f"{tf.path}/terraform.tfvars",
                      tf_fmt(f'# overrides\n{tf.var} = "{g.rt()}"\nenvironment = "prod"\n'))
                tf.files = 4  # one tfvars per folder, its last file
            else:
                write("terraform", f"{tf.path}/{g.word()}_{tf.files}.tf", tf_extra(g, tf))
                tf.files += 1
        else:
            path, text = other_file(g, i)
            write("other", path, text)

    sizes.sort()
    manifest = {
        "generator": "bench/gen_iac_tree.py",
        "seed": seed,
        "files": n,
        "bytes": sum(sizes),
        "by_kind": dict(sorted(by_kind.items())),
        "bytes_by_kind": dict(sorted(bytes_by_kind.items())),
        "sizes": {"median": sizes[len(sizes) // 2], "p90": sizes[len(sizes) * 9 // 10], "max": sizes[-1],
                  "over_20kb": sum(1 for s in sizes if s > 20000)} if sizes else {},
        "lambda_functions": sum(g.functions.values()),
        "lambda_functions_by_kind": dict(sorted(g.functions.items())),
        "lambda_layers": sum(g.layers.values()),
        "lambda_layers_by_kind": dict(sorted(g.layers.items())),
        "function_runtime_written_as": dict(sorted(g.expr.items())),
        "runtime_values_written": sum(g.written.values()),
        "runtime_values_written_by_runtime": dict(sorted(g.written.items())),
        "cfn_subset": len(cfn_paths),
        "cfn_subset_paths": cfn_paths,
    }
    with open(os.path.join(out_dir, ".bench-manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
