"""Seed moto (its Lambda without Docker) for the upgrade tests, and read back a function's
state. usage:
  moto_setup.py ENDPOINT seed          the estate below; prints nothing
  moto_setup.py ENDPOINT state FN ALIAS [REGION]  the state a test checks, as JSON
  moto_setup.py ENDPOINT metrics FN ALIAS VERSION INVOCATIONS ERRORS [THROTTLES]
                                       datapoints for that version behind the alias, now"""
import datetime
import io
import json
import sys
import urllib.request
import zipfile

import boto3

endpoint, what = sys.argv[1], sys.argv[2]
kw = dict(endpoint_url=endpoint, aws_access_key_id="AKIDMOTOTEST", aws_secret_access_key="moto-secret",
          region_name="us-east-1")
lam = boto3.client("lambda", **kw)
# --from-report --parallel: functions in two regions
REGION_OF = {n: "us-west-2" for n in ("pw1", "pw2", "west3", "west4")}


def lam_in(name):
    return boto3.client("lambda", **dict(kw, region_name=REGION_OF.get(name, "us-east-1")))


def seed():
    urllib.request.urlopen(urllib.request.Request(endpoint + "/moto-api/config", method="POST",
                                                  data=json.dumps({"lambda": {"use_docker": False}}).encode()))
    iam = boto3.client("iam", **kw)
    role = iam.create_role(RoleName="upgrade-role", AssumeRolePolicyDocument="{}")["Role"]["Arn"]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("app.py", "def handler(event, context):\n    return event\n")

    def fn(name, runtime, tags=None, alias="live"):
        lam = lam_in(name)
        lam.create_function(FunctionName=name, Runtime=runtime, Role=role, Handler="app.handler",
                            Code={"ZipFile": buf.getvalue()}, Tags=tags or {})
        v = lam.publish_version(FunctionName=name)["Version"]
        lam.create_alias(FunctionName=name, Name=alias, FunctionVersion=v)

    # healthy, rolled back, too few invocations, interrupted: the same shape each
    for n in ("orders", "payments", "quiet", "ctrlc", "kill", "later", "batch1", "pe1", "pe2", "pw1", "pw2", "bad",
              "east3", "west3", "west4"):
        fn(n, "python3.9")
    fn("stacked", "python3.9", {"aws:cloudformation:stack-name": "shop-prod"})
    fn("gopher", "go1.x")
    fn("sqsworker", "nodejs16.x")
    sqs = boto3.client("sqs", **kw)
    q = sqs.create_queue(QueueName="jobs")["QueueUrl"]
    qarn = sqs.get_queue_attributes(QueueUrl=q, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    lam.create_event_source_mapping(EventSourceArn=qarn, FunctionName="sqsworker")
    fn("public", "python3.9")
    lam.add_permission(FunctionName="public", StatementId="s3-invoke", Action="lambda:InvokeFunction",
                       Principal="s3.amazonaws.com")
    # an alias with routing in progress
    fn("halfway", "python3.9")
    lam.publish_version(FunctionName="halfway", Description="2")
    lam.update_function_configuration(FunctionName="halfway", Description="v3")
    v3 = lam.publish_version(FunctionName="halfway")["Version"]
    lam.update_alias(FunctionName="halfway", Name="live", FunctionVersion="1",
                     RoutingConfig={"AdditionalVersionWeights": {v3: 0.2}})


def state(name, alias):
    lam = lam_in(name)
    c = lam.get_function_configuration(FunctionName=name)
    a = lam.get_alias(FunctionName=name, Name=alias)
    vs = [v for v in lam.list_versions_by_function(FunctionName=name)["Versions"] if v["Version"] != "$LATEST"]
    print(json.dumps({
        "runtime": c["Runtime"], "code_sha256": c["CodeSha256"],
        "alias_version": a["FunctionVersion"],
        "alias_weights": a.get("RoutingConfig", {}).get("AdditionalVersionWeights", {}),
        "versions": {v["Version"]: v["Runtime"] for v in vs},
    }, sort_keys=True))


def metrics(name, alias, version, inv, err, thr=0):
    cw = boto3.client("cloudwatch", **kw)
    dims = [{"Name": "FunctionName", "Value": name}, {"Name": "Resource", "Value": f"{name}:{alias}"},
            {"Name": "ExecutedVersion", "Value": version}]
    now = datetime.datetime.now(datetime.timezone.utc)
    cw.put_metric_data(Namespace="AWS/Lambda", MetricData=[
        {"MetricName": m, "Dimensions": dims, "Value": float(v), "Timestamp": now, "Unit": "Count"}
        for m, v in (("Invocations", inv), ("Errors", err), ("Throttles", thr))])


if what == "seed":
    seed()
elif what == "state":
    state(sys.argv[3], sys.argv[4])
elif what == "metrics":
    metrics(*sys.argv[3:6], *[int(x) for x in sys.argv[6:]])
