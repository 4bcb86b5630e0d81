"""Compare sunset's JSON report with the findings cfn-lint's suite expects.
usage: compare.py EXPECTED.json SUNSET_REPORT.json"""
import json
import sys

PHASE = {"W2531": "deprecated", "E2531": "create_blocked", "E2533": "update_blocked"}

expected = json.load(open(sys.argv[1]))
report = json.load(open(sys.argv[2]))
found = report["findings"]
problems = []
missed = 0
for e in expected:
    name = e["file"].split("/", 1)[1]  # "templates/x.yaml" -> "x.yaml" (sunset reports relative to the scanned folder)
    logical = e["path"].split("/")[1]
    at_line = [f for f in found if f["file"] == name and f["line"] == e["line"]]
    if not at_line:
        problems.append(f"missed: {e['file']}:{e['line']} {e['rule']} {logical}")
        missed += 1
        continue
    if not any(f["status"] == PHASE[e["rule"]] for f in at_line):
        problems.append(f"phase: {e['file']}:{e['line']} cfn-lint {e['rule']} ({PHASE[e['rule']]}), "
                        f"sunset {[f['status'] for f in at_line]}")
    if not any(f["resource"] == logical for f in at_line):
        problems.append(f"resource: {e['file']}:{e['line']} cfn-lint {logical}, sunset {[f['resource'] for f in at_line]}")

# what a better scanner adds on purpose
layer = [f for f in found if f["file"] == "transform_serverless_template.yaml" and f["kind"] == "layer"
         and f["runtime"] == "python3.6"]
if not layer:
    problems.append("missed: the python3.6 layer in transform_serverless_template.yaml that cfn-lint does not report")
glob = [f for f in found if f["file"] == "transform_serverless_globals.yaml" and f["via"] == "Globals.Function.Runtime"]
functions = {f["resource"] for f in glob}
if len(functions) < 1 or any(f["line"] != 5 for f in glob):
    problems.append(f"globals: {sorted(functions)}")

extra = sorted({(f["file"], f["line"], f["resource"], f["status"]) for f in found
                if f["status"] not in ("supported", "not_applicable")}
               - {(e["file"].split("/", 1)[1], e["line"], e["path"].split("/")[1], PHASE[e["rule"]]) for e in expected})
for p in problems:
    print("peer:", p)
print(f"peer: {len(expected)} cfn-lint findings expected, {len(expected) - missed} found at the same line, "
      f"{len(problems)} problems; sunset adds {len(extra)}:")
for x in extra:
    print("   ", *x)
sys.exit(1 if problems else 0)
