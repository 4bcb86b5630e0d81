#!/usr/bin/env python3
"""Write the demo estate into examples/estate/: what `aws lambda list-functions
--function-version ALL` prints for two accounts and three regions. Deterministic; rerun
after editing the table below. Statuses noted are as of 2026-11-28 (warning window 180 days).
"""
import hashlib
import json
import os

ACCOUNTS = {"111122223333": "prod", "444455556666": "dev"}

# (account, region, name, [(version, runtime)], options)
# version "$LATEST" first; published versions after. runtime None = container image.
ESTATE = [
    ("111122223333", "us-east-1", "orders-api", [("$LATEST", "python3.12"), ("1", "python3.8"), ("2", "python3.9"), ("3", "python3.12")], {"arch": "arm64"}),
    ("111122223333", "us-east-1", "payments-webhook", [("$LATEST", "nodejs20.x"), ("4", "nodejs16.x"), ("5", "nodejs20.x")], {}),
    ("111122223333", "us-east-1", "thumbnail-resizer", [("$LATEST", "nodejs12.x")], {"layers": True}),
    ("111122223333", "us-east-1", "edge-auth", [("$LATEST", "nodejs18.x"), ("7", "nodejs18.x")], {"edge": True}),
    ("111122223333", "us-east-1", "us-east-1.edge-auth", [("$LATEST", "nodejs18.x")], {"replica_of": "edge-auth"}),
    ("111122223333", "us-east-1", "inventory-sync", [("$LATEST", "go1.x")], {}),
    ("111122223333", "us-east-1", "report-renderer", [("$LATEST", None), ("2", None)], {}),
    ("111122223333", "us-east-1", "search-indexer", [("$LATEST", "java21"), ("9", "java8"), ("10", "java21")], {"mem": 2048}),
    ("111122223333", "eu-west-1", "legacy-billing-export", [("$LATEST", "python2.7")], {}),
    ("111122223333", "eu-west-1", "invoice-pdf", [("$LATEST", "dotnetcore3.1")], {}),
    ("111122223333", "eu-west-1", "customer-profile", [("$LATEST", "nodejs24.x"), ("12", "nodejs22.x"), ("13", "nodejs24.x")], {"arch": "arm64"}),
    ("111122223333", "eu-west-1", "gdpr-erasure", [("$LATEST", "python3.13")], {}),
    ("111122223333", "eu-west-1", "ledger-close", [("$LATEST", "java8.al2")], {}),
    ("111122223333", "eu-west-1", "fraud-scorer", [("$LATEST", None)], {"arch": "arm64"}),
    ("111122223333", "eu-west-1", "email-sender", [("$LATEST", "ruby3.2"), ("3", "ruby2.7")], {}),
    ("111122223333", "ap-southeast-2", "au-tax-calc", [("$LATEST", "dotnet8"), ("1", "dotnet6")], {}),
    ("111122223333", "ap-southeast-2", "shipping-quotes", [("$LATEST", "provided.al2023")], {"arch": "arm64"}),
    ("111122223333", "ap-southeast-2", "warehouse-bridge", [("$LATEST", "provided.al2")], {}),
    ("111122223333", "ap-southeast-2", "nightly-report", [("$LATEST", "ruby3.3")], {}),
    ("111122223333", "ap-southeast-2", "stock-levels", [("$LATEST", "python3.10")], {}),
    ("444455556666", "us-east-1", "orders-api-dev", [("$LATEST", "python3.14")], {"arch": "arm64"}),
    ("444455556666", "us-east-1", "sandbox-experiment", [("$LATEST", "pyhton3.9")], {}),
    ("444455556666", "us-east-1", "preview-runtime", [("$LATEST", "nodejs28.x")], {}),
    ("444455556666", "us-east-1", "old-cron", [("$LATEST", "nodejs14.x")], {}),
    ("444455556666", "us-east-1", "ml-batch", [("$LATEST", None)], {"mem": 4096}),
    ("444455556666", "us-east-1", "slack-notifier", [("$LATEST", "python3.7")], {}),
    # A name no real function can have: the inventory file was edited. Reports must show it as text.
    ("444455556666", "us-east-1", "<img src=x onerror=alert(1)>", [("$LATEST", "nodejs16.x")], {}),
    ("444455556666", "eu-west-1", "feature-flags", [("$LATEST", "nodejs22.x")], {}),
    ("444455556666", "eu-west-1", "image-tagger", [("$LATEST", "python3.11"), ("1", "python3.6")], {}),
    ("444455556666", "eu-west-1", "data-export", [("$LATEST", "java17")], {}),
    ("444455556666", "eu-west-1", "event-router", [("$LATEST", "java25")], {"arch": "arm64"}),
    ("444455556666", "eu-west-1", "cost-explorer-sync", [("$LATEST", "dotnet10")], {}),
    ("444455556666", "eu-west-1", "load-test-driver", [("$LATEST", "provided")], {}),
    ("444455556666", "ap-southeast-2", "au-onboarding", [("$LATEST", "ruby3.4")], {}),
    ("444455556666", "ap-southeast-2", "kinesis-consumer", [("$LATEST", "python3.9"), ("2", "python3.9")], {}),
    ("444455556666", "ap-southeast-2", "session-cleaner", [("$LATEST", "nodejs10.x")], {}),
    ("444455556666", "ap-southeast-2", "pdf-ocr", [("$LATEST", None)], {}),
    ("444455556666", "ap-southeast-2", "webhook-relay", [("$LATEST", "ruby2.5")], {}),
    ("444455556666", "ap-southeast-2", "geo-lookup", [("$LATEST", "python3.12")], {}),
]

HANDLER = {"python": "app.handler", "nodejs": "index.handler", "java": "com.example.Handler::handleRequest",
           "dotnet": "Function::Function.Handler::FunctionHandler", "ruby": "function.handler",
           "go1.x": "main", "provided": "bootstrap"}


def handler_for(runtime):
    for k, v in HANDLER.items():
        if runtime.startswith(k):
            return v
    return "handler"


def record(account, region, name, version, runtime, opts, idx):
    digest = hashlib.sha256(f"{account}{region}{name}{version}".encode()).digest()
    sha = __import__("base64").b64encode(digest).decode()
    rev = hashlib.md5(f"{name}{version}".encode()).hexdigest()
    r = {
        "FunctionName": name,
        "FunctionArn": f"arn:aws:lambda:{region}:{account}:function:{name}:{version}",
    }
    if runtime is not None:
        r["Runtime"] = runtime
    r["Role"] = f"arn:aws:iam::{account}:role/service-role/{name}-role"
    if runtime is not None:
        r["Handler"] = handler_for(runtime)
    r.update({
        "CodeSize": 4096 + idx * 1337 % 900000,
        "Description": f"{name} ({ACCOUNTS[account]})",
        "Timeout": 30,
        "MemorySize": opts.get("mem", 256),
        "LastModified": f"20{(idx * 7) % 4 + 22}-{(idx % 12) + 1:02d}-{(idx % 27) + 1:02d}T10:{idx % 60:02d}:00.000+0000",
        "CodeSha256": sha,
        "Version": version,
        "Environment": {"Variables": {"STAGE": ACCOUNTS[account], "LOG_LEVEL": "info"}},
        "TracingConfig": {"Mode": "PassThrough"},
        "RevisionId": f"{rev[:8]}-{rev[8:12]}-{rev[12:16]}-{rev[16:20]}-{rev[20:32]}",
    })
    if opts.get("layers"):
        r["Layers"] = [{"Arn": f"arn:aws:lambda:{region}:{account}:layer:sharp:4", "CodeSize": 8123456}]
    if opts.get("replica_of"):
        r["MasterArn"] = f"arn:aws:lambda:us-east-1:{account}:function:{opts['replica_of']}"
    r.update({
        "PackageType": "Image" if runtime is None else "Zip",
        "Architectures": [opts.get("arch", "x86_64")],
        "EphemeralStorage": {"Size": 512},
        "SnapStart": {"ApplyOn": "None", "OptimizationStatus": "Off"},
        "LoggingConfig": {"LogFormat": "Text", "LogGroup": f"/aws/lambda/{name}"},
    })
    return r


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = os.path.join(here, "estate")
    os.makedirs(out, exist_ok=True)
    files = {}
    idx = 0
    for account, region, name, versions, opts in ESTATE:
        for version, runtime in versions:
            files.setdefault((account, region), []).append(record(account, region, name, version, runtime, opts, idx))
            idx += 1
    for (account, region), fns in files.items():
        path = os.path.join(out, f"{account}-{region}.json")
        half = len(fns) // 2
        with open(path, "w") as f:
            if (account, region) == ("444455556666", "ap-southeast-2"):
                # a JSON array of pages
                json.dump([{"Functions": fns[:half], "NextMarker": "bWFya2VyLTE="}, {"Functions": fns[half:]}], f, indent=4)
                f.write("\n")
            elif (account, region) == ("111122223333", "eu-west-1"):
                # two pages one after another, as a --no-paginate loop saves them
                f.write(json.dumps({"Functions": fns[:half], "NextMarker": "bWFya2VyLTE="}, indent=4) + "\n")
                f.write(json.dumps({"Functions": fns[half:]}, indent=4) + "\n")
            else:
                # what the AWS CLI prints by default: every page merged into one
                json.dump({"Functions": fns}, f, indent=4)
                f.write("\n")


if __name__ == "__main__":
    main()
