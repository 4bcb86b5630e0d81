#!/usr/bin/env python3
"""Generate list-functions output for the benchmark.

usage: bench/gen-inventory.py --functions N --pages P [--layout pages|array|single] > FILE

pages:  P pages one after another, each {"Functions": [...], "NextMarker": ...}
array:  a JSON array of the P pages
single: one object with every function, as the AWS CLI prints by default
Records are shaped like real ones (about 1.5 KB pretty-printed): runtimes drawn across
the whole catalog, about 10% container images, about 20% published versions, 7 accounts
in 3 regions. Deterministic (fixed seed).
"""
import argparse
import json
import random
import sys

RUNTIMES = ["python3.8", "python3.9", "python3.10", "python3.11", "python3.12", "python3.13", "nodejs16.x",
            "nodejs18.x", "nodejs20.x", "nodejs22.x", "nodejs24.x", "java8", "java8.al2", "java11", "java17",
            "java21", "dotnet6", "dotnet8", "go1.x", "provided", "provided.al2", "provided.al2023",
            "ruby2.7", "ruby3.2", "ruby3.3", "nodejs12.x", "python3.7", "dotnetcore3.1"]
REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2"]


def record(rng, i):
    acct = "%012d" % (111122223333 + (i % 7) * 1000001)
    region = REGIONS[i % 3]
    name = "svc-%06d" % (i // 2)
    ver = str(rng.randint(1, 40)) if rng.random() < 0.2 else "$LATEST"
    image = rng.random() < 0.1
    r = {"FunctionName": name, "FunctionArn": f"arn:aws:lambda:{region}:{acct}:function:{name}:{ver}"}
    if not image:
        r["Runtime"] = rng.choice(RUNTIMES)
    r["Role"] = f"arn:aws:iam::{acct}:role/service-role/{name}-role-{i:08x}"
    if not image:
        r["Handler"] = "app.handler"
    r.update({
        "CodeSize": rng.randint(1000, 50_000_000),
        "Description": "Handles requests for the storefront API",
        "Timeout": 30,
        "MemorySize": rng.choice([128, 256, 512, 1024]),
        "LastModified": "2025-%02d-%02dT10:11:12.000+0000" % (rng.randint(1, 12), rng.randint(1, 28)),
        "CodeSha256": "%044x" % rng.getrandbits(176),
        "Version": ver,
        "VpcConfig": {"SubnetIds": ["subnet-0123456789abcdef0"], "SecurityGroupIds": ["sg-0123456789abcdef0"],
                      "VpcId": "vpc-0123456789abcdef0"},
        "Environment": {"Variables": {"STAGE": "prod", "TABLE": "orders"}},
        "TracingConfig": {"Mode": "PassThrough"},
        "RevisionId": "%08x-%04x-%04x-%04x-%012x" % (rng.getrandbits(32), rng.getrandbits(16), rng.getrandbits(16),
                                                     rng.getrandbits(16), rng.getrandbits(48)),
        "PackageType": "Image" if image else "Zip",
        "Architectures": [rng.choice(["x86_64", "arm64"])],
        "EphemeralStorage": {"Size": 512},
        "SnapStart": {"ApplyOn": "None", "OptimizationStatus": "Off"},
        "LoggingConfig": {"LogFormat": "Text", "LogGroup": f"/aws/lambda/{name}"},
    })
    return r


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--functions", type=int, required=True)
    ap.add_argument("--pages", type=int, required=True)
    ap.add_argument("--layout", choices=["pages", "array", "single"], default="pages")
    a = ap.parse_args()
    rng = random.Random(20261128)
    out = sys.stdout
    per, extra = divmod(a.functions, max(a.pages, 1))
    if a.layout == "single":
        out.write('{\n    "Functions": [\n')
        for i in range(a.functions):
            out.write(("," if i else "") + json.dumps(record(rng, i), indent=4) + "\n")
        out.write("    ]\n}\n")
        return
    if a.layout == "array":
        out.write("[\n")
    i = 0
    for p in range(a.pages):
        n = per + (1 if p < extra else 0)
        page = {"Functions": [record(rng, i + k) for k in range(n)]}
        i += n
        if p < a.pages - 1:
            page["NextMarker"] = "marker-%d" % p
        out.write(("," if a.layout == "array" and p else "") + json.dumps(page, indent=4) + "\n")
    if a.layout == "array":
        out.write("]\n")


if __name__ == "__main__":
    main()
