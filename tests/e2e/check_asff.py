"""Validate an ASFF report with botocore's own model of securityhub BatchImportFindings
(types, required members, enums), plus the limits Security Hub enforces at import.
usage: python3 check_asff.py REPORT EXPECTED_COUNT"""
import datetime
import json
import sys

import botocore.session
from botocore.validate import ParamValidator

findings = json.load(open(sys.argv[1]))
assert isinstance(findings, list)
assert len(findings) == int(sys.argv[2]), len(findings)
model = botocore.session.get_session().get_service_model("securityhub")
shape = model.operation_model("BatchImportFindings").input_shape
for start in range(0, len(findings), 100):  # the API takes 100 per call
    report = ParamValidator().validate({"Findings": findings[start:start + 100]}, shape)
    assert not report.has_errors(), report.generate_report()
ids = set()
for f in findings:
    assert f["SchemaVersion"] == "2018-10-08"
    assert f["Id"] not in ids, "Id must be unique per resource and check"
    ids.add(f["Id"])
    assert len(f["Title"]) <= 256 and len(f["Description"]) <= 1024
    assert len(f["Remediation"]["Recommendation"]["Text"]) <= 512
    for t in f["Types"]:
        assert t.count("/") >= 1, t
    for k in ("CreatedAt", "UpdatedAt"):
        datetime.datetime.strptime(f[k], "%Y-%m-%dT%H:%M:%S.%fZ")
    assert f["ProductArn"] == "arn:aws:securityhub:%s:%s:product/%s/default" % (
        f["Resources"][0]["Region"], f["AwsAccountId"], f["AwsAccountId"])
    r = f["Resources"][0]
    assert r["Type"] == "AwsLambdaFunction" and r["Id"].startswith("arn:")
    assert f["Compliance"]["Status"] in ("PASSED", "WARNING", "FAILED", "NOT_AVAILABLE")
    if f["Compliance"]["Status"] == "FAILED":
        assert f["Severity"]["Label"] in ("MEDIUM", "HIGH"), f["Severity"]
print("ok")
