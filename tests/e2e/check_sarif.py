"""Validate a SARIF report against the SARIF 2.1.0 schema (tests/fixtures, vendored) and
check what code scanning needs. usage: check_sarif.py REPORT EXPECTED_RESULTS [SUPPRESSED]"""
import copy
import json
import os
import sys

import jsonschema

here = os.path.dirname(os.path.abspath(__file__))
schema_path = os.environ.get("SARIF_SCHEMA", os.path.join(here, "../fixtures/sarif-schema-2.1.0.json"))
doc = json.load(open(sys.argv[1]))
if os.path.exists(schema_path):
    schema = json.load(open(schema_path))
    jsonschema.validate(doc, schema)
    broken = copy.deepcopy(doc)
    del broken["runs"][0]["tool"]["driver"]["name"]
    try:
        jsonschema.validate(broken, schema)
        raise SystemExit("the schema check is blind: a driver without a name passed")
    except jsonschema.ValidationError:
        pass
else:
    raise SystemExit(f"the SARIF schema is missing at {schema_path}")
run = doc["runs"][0]
rules = run["tool"]["driver"]["rules"]
assert [r["id"] for r in rules] == ["A-LAM-3"], rules
assert "external/cwe/cwe-1357" in rules[0]["properties"]["tags"]
assert rules[0]["help"]["text"] and rules[0]["fullDescription"]["text"]
res = run["results"]
assert len(res) == int(sys.argv[2]), len(res)
fps = set()
for r in res:
    assert r["ruleId"] == "A-LAM-3" and r["level"] in ("error", "warning", "note")
    fp = r["partialFingerprints"]["sunsetFinding/v1"]
    assert len(fp) == 64 and fp not in fps, "fingerprints must be unique and stable"
    fps.add(fp)
    assert r["locations"][0].get("physicalLocation") or r["locations"][0].get("logicalLocations")
if len(sys.argv) > 3:
    assert sum(1 for r in res if r.get("suppressions")) == int(sys.argv[3])
print("ok")
