"""Validate a sunset JSON report the way a consumer would: python3 check_json.py REPORT [expect-findings]."""
import json
import sys

FINDING_KEYS = ["check", "status", "severity", "runtime", "source", "kind", "resource", "function", "version",
                "account", "account_name", "region", "partition", "file", "line", "column", "via", "deprecation_date",
                "block_create_date", "block_update_date", "days_until_deprecation", "recommended_runtime",
                "remediation", "reason", "package_type", "last_modified", "architectures", "aliases", "suppressed",
                "suppression_reason", "id", "change", "first_seen", "days_open",
                 "owner", "managed_by", "stack", "tags", "invocations_30d", "unused"]
SEVERITY = {"update_blocked": "high", "create_blocked": "moderate", "deprecated": "moderate",
            "upcoming": "low", "unknown": "info", "supported": "none", "not_applicable": "none"}

doc = json.load(open(sys.argv[1]))
for k in ["as_of", "catalog_as_of", "summary", "findings", "errors"]:
    assert k in doc, f"missing top-level {k}"
s = doc["summary"]
by = s["by_status"]
assert set(by) == set(SEVERITY), by
assert sum(by.values()) == s["resources_scanned"], "by_status must add up to resources_scanned"
assert s["findings"] == sum(v for k, v in by.items() if k not in ("supported", "not_applicable"))
counted = {}
for f in doc["findings"]:
    assert list(f) == FINDING_KEYS, f"finding keys {list(f)}"
    assert f["check"] == "A-LAM-3"
    assert f["tags"] is None or isinstance(f["tags"], dict), f
    assert f["managed_by"] in (None, "cloudformation", "sam", "terraform", "unknown"), f
    assert (f["stack"] is not None) == (f["managed_by"] in ("cloudformation", "sam")), f
    assert (f["unused"] is None) == (f["invocations_30d"] is None), f
    assert f["unused"] is None or f["unused"] == (f["invocations_30d"] == 0), f
    assert f["severity"] == SEVERITY[f["status"]], f
    counted[f["status"]] = counted.get(f["status"], 0) + 1
    if f["source"] in ("inventory", "aws"):
        v = f["version"] or "$LATEST"
        assert f["id"] == ":".join([f["partition"], f["account"], f["region"], f["function"], v]), f["id"]
    elif f["file"]:
        assert f["id"] == f["file"] + "#" + f["resource"], f["id"]
    if f["status"] in ("deprecated", "create_blocked", "update_blocked", "upcoming"):
        assert f["deprecation_date"] and isinstance(f["days_until_deprecation"], int)
        if f["recommended_runtime"]:
            assert f["recommended_runtime"] in f["remediation"], f["remediation"]
    if f["source"] == "inventory":
        assert f["resource"].startswith("arn:"), f["resource"]
        assert f["resource"].split(":")[4] == f["account"] and f["resource"].split(":")[3] == f["region"]
for st, n in counted.items():
    if st not in ("supported", "not_applicable"):
        assert by[st] == n, f"{st}: summary {by[st]}, listed {n}"
assert s["errors"] >= len(doc["errors"])
for e in doc["errors"]:
    assert e["message"], e
# coverage: an entry per input (and per account-region of a live scan), each with a status
COV_STATUS = {"scanned", "access_denied", "failed", "not_enabled"}
for c in doc["coverage"]:
    assert list(c) == ["account", "account_name", "region", "status", "functions", "versions", "error"], c
    assert c["status"] in COV_STATUS and (c["status"] == "scanned" or c["error"]), c
for c in doc["inputs"]:
    assert list(c) == ["input", "kind", "status", "functions", "versions", "error"], c
    assert c["status"] in ("scanned", "failed"), c
    assert c["status"] == "scanned" or c["error"], c
if not doc["coverage"]:  # every resource read from exactly one input
    assert sum(c["versions"] for c in doc["inputs"]) == s["resources_scanned"], "inputs' versions"
assert s["account_regions"] == len(doc["coverage"])
assert s["account_regions_scanned"] == sum(c["status"] == "scanned" for c in doc["coverage"])
if len(sys.argv) > 2:
    assert len(doc["findings"]) == int(sys.argv[2]), len(doc["findings"])
print("ok")
