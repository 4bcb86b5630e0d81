#!/usr/bin/env python3
"""The peers' own suites, run against sunset (tests/peer/run calls this).

Seven projects check the same thing as sunset: Prowler, Checkov, cfn-lint,
tflint-ruleset-aws, serverless-rules, CloudSploit, Steampipe. Their test cases and
verdicts are vendored in tests/peer/fixtures/PEER (SOURCE.txt: repository, commit,
paths). For every case this prints a row: the case, the peer's verdict, sunset's
verdict, and the relation expected between them:

  agree       the peer is right by the AWS dates: sunset must say the same
  peer stale  the peer's list or dates are older than AWS's: sunset must say what the
              AWS dates say (the row says so, and passes)
  peer failed the peer could not judge (its SAM translator refused the template):
              sunset's answer was checked by hand (the fixture's review file)
  definitional the peer says nothing where sunset has its own word (`unknown`)
  pending     a case that a change of issue 11 owned by another branch fixes; it is
              shown, never counted as a pass, and reported loudly when it starts passing

"The AWS dates" are tflint-ruleset-aws's deprecated_runtimes.json (generated from the
AWS Lambda runtimes page), an independent copy of what sunset's catalog holds. Every
date is pinned (--as-of); nothing here reads the clock or the network.
"""
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SUNSET = os.path.join(ROOT, os.environ.get("SUNSET", "build/sunset"))
FIX = os.environ.get("PEERS") or os.path.join(ROOT, "tests/peer/fixtures")
FLAGGED = {"deprecated", "create_blocked", "update_blocked"}
PEERS = ["cfn-lint", "checkov", "cloudsploit", "prowler", "serverless-rules", "steampipe", "tflint-ruleset-aws"]

# Cases that another branch of issue 11 fixes (item number): shown, not counted.
PENDING = {}

# Peer files Terraform itself refuses: sunset reports the same error (the file's other
# resources are still scanned), so an error there agrees with Terraform, whatever the peer
# (which does not validate) reads. Key: (peer, file) -> the part of sunset's message.
TERRAFORM_REJECTS = {
    # `ingress = {...}` three times in one block: Terraform says "Attribute redefined"
    ("checkov", "terraform/runner/resources/example/example.tf"): 'attribute "ingress" is set twice',
}

TMP = tempfile.mkdtemp(prefix="sunset-peer-")
passed = failed = pending = 0
failures = []


def fx(*p):
    return os.path.join(FIX, *p)


def load(*p):
    with open(fx(*p), encoding="utf-8") as f:
        return json.load(f)


def sunset(args, as_of, extra=()):
    """Runs sunset scan with --as-of, JSON on stdout, every status shown."""
    cmd = [SUNSET, "scan", *args, "--as-of", as_of, "-f", "json", "-q", "--show-all", *extra]
    p = subprocess.run(cmd, capture_output=True, text=True)
    if "runtime error:" in p.stderr or "Sanitizer" in p.stderr:  # UBSan exits 1, like findings
        raise SystemExit(f"peer: {' '.join(cmd)}: the sanitizer stopped it:\n{p.stderr}")
    if p.returncode not in (0, 1, 3):
        raise SystemExit(f"peer: {' '.join(cmd)} exited {p.returncode}:\n{p.stderr}")
    return json.loads(p.stdout)


# ---- the AWS dates ----------------------------------------------------------------
AWS = {}  # runtime -> dates; loaded in main() once the fixtures are known to be there


def aws_status(runtime, day):
    d = AWS.get(runtime)
    if d is None:
        return None
    day = day[:10]
    phase = "supported"
    for key, name in (("end_of_support_date", "deprecated"), ("block_create_date", "create_blocked"),
                      ("block_update_date", "update_blocked")):
        if d.get(key) and day >= d[key][:10]:
            phase = name
    return phase


def fail_of(status):
    return None if status is None else ("FAIL" if status in FLAGGED else "PASS")


# ---- rows ------------------------------------------------------------------------
class Table:
    def __init__(self, peer, what):
        self.peer, self.what, self.rows = peer, what, []

    def row(self, case, peer_v, sunset_v, relation, ok, note=""):
        global passed, failed, pending
        key = (self.peer, case)
        if key in PENDING:
            mark = "PENDING" if not ok else "NOW PASSES"
            pending += 1
            note = (note + "; " if note else "") + "fixed by " + PENDING[key]
            if ok:
                failed += 1
                failures.append(f"{self.peer}: {case}: passes now: remove it from PENDING in tests/peer/run.py")
        elif ok:
            mark = "ok"
            passed += 1
        else:
            mark = "FAIL"
            failed += 1
            failures.append(f"{self.peer}: {case}: peer {peer_v}, sunset {sunset_v} ({relation}) {note}")
        self.rows.append((case, str(peer_v), str(sunset_v), relation, mark, note))

    def show(self):
        print(f"\n== {self.peer}: {self.what}")
        if not self.rows:
            print("   (no cases)")
            return
        w = [max(len(r[i]) for r in self.rows + [("case", "peer", "sunset", "relation", "", "")]) for i in range(4)]
        w[0] = min(w[0], 78)
        print(f"   {'case':<{w[0]}}  {'peer':<{w[1]}}  {'sunset':<{w[2]}}  {'relation':<{w[3]}}  result")
        for r in self.rows:
            print(f"   {r[0]:<{w[0]}}  {r[1]:<{w[1]}}  {r[2]:<{w[2]}}  {r[3]:<{w[3]}}  {r[4]}"
                  + (f"  ({r[5]})" if r[5] else ""))


def pass_fail_case(t, case, runtime, day, peer_v, sunset_status, declared=None, note=""):
    """A PASS/FAIL peer verdict against sunset's status, judged by the AWS dates."""
    truth = fail_of(aws_status(runtime, day)) if runtime else None
    sv = fail_of(sunset_status) if sunset_status not in (None, "not_applicable", "unknown") else "NONE"
    if peer_v == "NONE":
        t.row(case, peer_v, sunset_status, "agree", sv in ("NONE", "PASS"), note)
        return
    relation = "agree" if truth is None or peer_v == truth else "peer stale"
    if declared and declared != relation.replace(" ", "_"):
        t.row(case, peer_v, sunset_status, relation, False, f"the fixture says {declared}, the AWS dates say {relation}")
        return
    want = peer_v if relation == "agree" else truth
    why = note or (f"AWS: {runtime} {aws_status(runtime, day)} on {day}" if relation != "agree" else "")
    t.row(case, peer_v, f"{sunset_status} ({sv})", relation, sv == want, why)


def list_cases(t, verdicts, day):
    """A peer's runtime list as cases: one function record per runtime in a bare array
    (what `aws lambda list-functions --query Functions` prints), scanned as of `day`."""
    recs = [{"FunctionName": f"list-{i}", "Runtime": rt, "PackageType": "Zip",
             "FunctionArn": f"arn:aws:lambda:us-east-1:111122223333:function:list-{i}"}
            for i, rt in enumerate(sorted(verdicts))]
    path = os.path.join(TMP, t.peer + "-list.json")
    with open(path, "w") as f:
        json.dump(recs, f)
    rep = sunset(["--inventory", path], day)
    got = {f["runtime"]: f["status"] for f in rep["findings"]}
    for rt in sorted(verdicts):
        pass_fail_case(t, f"list: {rt}", rt, day, verdicts[rt], got.get(rt))


def by_place(report):
    m = {}
    for f in report["findings"]:
        m.setdefault((f["file"], f["line"]), []).append(f)
    return m


def same_resource(f, name):
    return name in (f["resource"], f["function"]) or f["resource"].endswith("." + name) or \
        f["resource"].endswith("/" + name)


def oracle_cases(t, report, oracle, review, prefix=""):
    """cfn-lint's verdicts (its three runtime rules run on the files) against sunset's, per
    file, resource and line; sunset's flagged functions the oracle lacks must be reviewed."""
    found = [f for f in report["findings"] if f["file"].startswith(prefix)]
    # cfn-lint places a finding of a SAM function after its transform (the resource's
    # line), sunset at the Runtime that decides it: matched by file and resource
    for e in oracle["findings"]:
        at = [f for f in found if f["file"] == prefix + e["file"] and same_resource(f, e["resource"])]
        st = sorted({f["status"] for f in at})
        lines = sorted({f["line"] for f in at if f["status"] == e["status"]})
        t.row(f"{e['file']}:{e['line']} {e['resource']}", e["status"], ",".join(st) or "-", "agree",
              e["status"] in st, f"sunset at line {','.join(map(str, lines))}" if lines and e["line"] not in lines else "")
    known = {(prefix + e["file"], e["resource"]) for e in oracle["findings"]}
    reviewed = {(prefix + r["file"], r["resource"]): r for r in review["reviewed"]}
    files = {prefix + f for f in oracle["files"]}
    for f in found:
        if f["file"] not in files or f["kind"] != "function":
            continue
        key = (f["file"], f["resource"])
        if f["status"] == "unknown" and key not in known:
            # cfn-lint reads no value here either (else its row above fails)
            t.row(f"{f['file']}:{f['line']} {f['resource']}", "(silent)", "unknown", "definitional", True,
                  f.get("reason") or "")
        elif f["status"] in FLAGGED and key not in known:
            r = reviewed.get(key)
            if r:
                t.row(f"{f['file']}:{f['line']} {f['resource']}", "(none)", f["status"], "peer failed",
                      r["sunset"] == f["status"], r["why"])
            else:
                t.row(f"{f['file']}:{f['line']} {f['resource']}", "(none)", f["status"], "agree", False,
                      "sunset flags what cfn-lint does not, and no review explains it")
    for e in report["errors"]:
        if e["file"] and e["file"] in files:
            t.row(f"{e['file']}:{e['line']}", "-", "error", "agree", False, e["message"])


# ---- the peers ----------------------------------------------------------------------
def cfn_lint():
    day = "2026-01-01"
    rep = sunset([fx("cfn-lint", "templates")], day)
    snap = load("cfn-lint", "snapshot-expected.json")
    t = Table("cfn-lint", f"its snapshot tests' runtime results (test/fixtures/results), as of {snap['as_of']}")
    places = by_place(rep)
    for e in snap["findings"]:
        at = [f for f in places.get((e["file"], e["line"]), []) if same_resource(f, e["resource"])]
        st = sorted({f["status"] for f in at})
        t.row(f"{e['file']}:{e['line']} {e['resource']}", e["status"], ",".join(st) or "-", "agree", e["status"] in st)
    # what it misses on purpose: the python3.6 layer, every function inheriting a Global
    layer = [f for f in rep["findings"] if f["file"] == "bad/transform_serverless_template.yaml" and f["kind"] == "layer"]
    t.row("bad/transform_serverless_template.yaml layer", "(not checked)",
          ",".join(f"{f['runtime']}:{f['status']}" for f in layer) or "-", "sunset adds",
          any(f["runtime"] == "python3.6" and f["status"] in FLAGGED for f in layer))
    glob = [f for f in rep["findings"] if f["file"] == "good/transform_serverless_globals.yaml"
            and f["via"] == "Globals.Function.Runtime"]
    t.row("good/transform_serverless_globals.yaml via Globals", "line 5",
          ",".join(sorted({f"{f['resource']}@{f['line']}" for f in glob})) or "-", "agree",
          bool(glob) and all(f["line"] == 5 for f in glob))
    t.show()

    o = Table("cfn-lint", "its runtime rules run on all 49 templates (templates/cfnlint-oracle.json)")
    oracle_cases(o, rep, load("cfn-lint", "templates", "cfnlint-oracle.json"),
                 load("cfn-lint", "templates", "cfnlint-oracle-review.json"))
    o.show()

    u = Table("cfn-lint", "unit tests of its three rules (unit-cases.json), one template per case")
    for i, c in enumerate(load("cfn-lint", "unit-cases.json")["cases"]):
        d = os.path.join(TMP, f"cfn-unit-{i}")
        os.makedirs(d)
        rt = json.dumps(c["runtime"])
        with open(os.path.join(d, "template.yaml"), "w") as f:
            f.write("AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Fn:\n    Type: AWS::Lambda::Function\n"
                    f"    Properties:\n      Handler: index.handler\n      Runtime: {rt}\n")
        r = sunset([d], c["date"])
        st = [f["status"] for f in r["findings"] if f["resource"] == "Fn"]
        s = st[0] if st else None
        if "want" in c:
            u.row(f"{c['src']}: {rt} on {c['date']}", c["peer"], s, c.get("class", "agree"), s in c["want"], c.get("why", ""))
        elif c["peer"] is None:
            u.row(f"{c['src']}: {rt} on {c['date']}", "(silent)", s, "agree", s not in FLAGGED)
        else:
            # each unit test runs one rule: sunset's phase must be the one that rule names
            # or a later one (a later rule's own test shows it)
            u.row(f"{c['src']}: {rt} on {c['date']}", c["peer"], s, "agree", s == c["peer"] or
                  (c["src"] != "all" and s in FLAGGED and c["peer"] in FLAGGED and
                   ["deprecated", "create_blocked", "update_blocked"].index(s) >=
                   ["deprecated", "create_blocked", "update_blocked"].index(c["peer"])), c.get("note", ""))
    u.show()
    return rep


def checkov():
    exp = load("checkov", "ckv_aws_363", "expected.json")
    day = exp["as_of"]
    rep = sunset([fx("checkov", "ckv_aws_363")], day)
    t = Table("checkov", f"CKV_AWS_363's tests (passing/failing resources), as of {day}")
    for c in exp["cases"]:
        at = [f for f in rep["findings"] if f["file"].startswith(c["dir"] + "/") and f["resource"] == c["resource"]]
        s = at[0]["status"] if at else None
        pass_fail_case(t, f"{c['dir']}: {c['resource']} {c['runtime']}", c["runtime"], day, c["peer"], s,
                       c.get("class", "agree"), c.get("why", ""))
    t.show()
    fl = Table("checkov", "its forbidden list (get_forbidden_values) and every runtime it leaves out")
    verdicts = {rt: ("FAIL" if rt in exp["forbidden_values"] else "PASS") for rt in AWS}
    list_cases(fl, verdicts, day)
    fl.show()

    o = load("checkov", "corpus", "cfnlint-oracle.json")
    rev = load("checkov", "corpus", "reviewed-expected.json")
    crep = sunset([fx("checkov", "corpus")], o["as_of"])
    c = Table("checkov", "its tests/ corpus, CloudFormation files: cfn-lint's verdicts (corpus/cfnlint-oracle.json)")
    oracle_cases(c, crep, o, load("checkov", "corpus", "cfnlint-oracle-review.json"))
    c.show()
    r = Table("checkov", "its tests/ corpus, Terraform and Serverless files: reviewed verdicts")
    places = by_place(crep)
    for e in rev["findings"]:
        at = [f for f in places.get((e["file"], e["line"]), []) if f["runtime"] == e["runtime"]]
        st = sorted({f["status"] for f in at})
        r.row(f"{e['file']}:{e['line']} {e['resource']}", e["status"], ",".join(st) or "-", "agree", e["status"] in st)
    tfsls = {e["file"] for e in rev["findings"]}
    reviewed = {(e["file"], e["line"]) for e in rev["findings"]}
    for f in crep["findings"]:
        if f["source"] != "cloudformation" and f["status"] == "unknown" and (f["file"], f["line"]) not in reviewed:
            # the review reads no value here either (else its row above fails)
            r.row(f"{f['file']}:{f['line']} {f['resource']}", "(no value)", "unknown", "definitional", True,
                  f.get("reason") or "")
    for e in crep["errors"]:
        if e["file"] in rev["allowed_errors"]:
            r.row(f"{e['file']}:{e['line']} (invalid on purpose)", "error", "error", "agree", True)
        elif TERRAFORM_REJECTS.get(("checkov", e["file"]), "\0") in e["message"]:
            r.row(f"{e['file']}:{e['line']} (Terraform rejects it too)", "-", "error", "agree with terraform", True,
                  e["message"])
        elif not any(e["file"] == f for f in o["files"]):
            r.row(f"{e['file']}:{e['line']}", "-", "error", "agree", False, e["message"])
    r.show()

    h = Table("checkov", "example_KMSKeyWildcardPrincipal/fail.tf (a heredoc Terraform accepts)")
    hrep = sunset([fx("checkov", "heredoc-kms-fail")], day)
    errs = [e["message"] for e in hrep["errors"]]
    h.row("heredoc-kms-fail/fail.tf", "parsed", "error" if errs else "parsed", "agree", not errs, "; ".join(errs))
    h.show()


def cloudsploit():
    cases = load("cloudsploit", "cases.json")
    day = cases["as_of"]
    t = Table("cloudsploit", f"lambdaOldRuntimes.spec.js, as of {day}")
    reps = {}
    for c in cases["cases"]:
        inv = c["inventory"]
        if inv not in reps:
            reps[inv] = sunset(["--inventory", fx("cloudsploit", inv)], day)
        rep = reps[inv]
        if c["function"] is None:
            t.row(f"{inv}: no functions", c["peer"], f"{len(rep['findings'])} findings", "agree",
                  not rep["findings"] and not rep["errors"])
            continue
        at = [f for f in rep["findings"] if f["function"] == c["function"]]
        pass_fail_case(t, f"{inv}: {c['function']} {c['runtime']}", c["runtime"], day, c["peer"],
                       at[0]["status"] if at else None)
    # the same records the way CloudSploit caches them: a bare array of configurations
    bare = os.path.join(TMP, "cloudsploit-bare.json")
    with open(bare, "w") as f:
        json.dump(load("cloudsploit", "functions.json")["Functions"], f)
    b = sunset(["--inventory", bare], day)
    same = sorted((f["function"], f["status"]) for f in b["findings"]) == \
        sorted((f["function"], f["status"]) for f in reps["functions.json"]["findings"])
    t.row("functions.json as a bare array (its cache's shape)", "-", "same findings" if same else "differ", "agree",
          same and not b["errors"])
    t.show()
    d = Table("cloudsploit", "its dated list (deprecatedRuntimes: FAIL after the end-of-life date)")
    list_cases(d, {rt: ("FAIL" if day > eol else "PASS") for rt, eol in cases["deprecated_runtimes"].items()}, day)
    d.show()


def prowler():
    cases = load("prowler", "cases.json")
    day = cases["as_of"]
    rep = sunset(["--inventory", fx("prowler", cases["inventory"])], day)
    t = Table("prowler", f"awslambda_function_using_supported_runtimes tests and its obsolete list, as of {day}")
    for c in cases["cases"]:
        at = [f for f in rep["findings"] if f["function"] == c["name"]]
        if c.get("then_runtime"):
            # $LATEST moved on, version 1 stayed: Prowler lists $LATEST only
            latest = [f["status"] for f in at if f["version"] == "$LATEST"]
            old = [f["status"] for f in at if f["version"] != "$LATEST"]
            pass_fail_case(t, f"{c['name']} $LATEST {c['then_runtime']}", c["then_runtime"], day, c["peer"],
                           latest[0] if latest else None)
            truth = fail_of(aws_status(c["runtime"], day))
            t.row(f"{c['name']} version 1 {c['runtime']}", "(not listed)", ",".join(old) or "-", "sunset adds",
                  bool(old) and all(fail_of(x) == truth for x in old), c["test"])
            continue
        at = [f for f in at if f["version"] == "$LATEST"]
        s = at[0]["status"] if at else None
        if c["peer"] == "NONE":
            t.row(f"{c['name']} (no runtime)", "NONE", s, "agree", s in (None, "not_applicable", "unknown"),
                  c.get("why", ""))
            continue
        pass_fail_case(t, f"{c['name']} {c['runtime']}" + (f" version {c['version']}" if c.get("version") else ""),
                       c["runtime"], day, c["peer"], s, c.get("class"), c.get("why", ""))
    t.show()


def serverless_rules():
    cases = load("serverless-rules", "cases.json")
    day = os.environ.get("SUNSET_TODAY", "2026-11-28")
    t = Table("serverless-rules", f"aws_lambda_function_eol_runtime tests (HCL, issue position), as of {day}")
    for i, c in enumerate(cases["cases"]):
        d = os.path.join(TMP, f"sr-{i}")
        os.makedirs(d)
        with open(os.path.join(d, "main.tf"), "w") as f:
            f.write(cases["template"] % c["runtime"])
        rep = sunset([d], day)
        at = [f for f in rep["findings"] if f["runtime"] == c["runtime"]]
        s = at[0]["status"] if at else None
        pass_fail_case(t, f"{c['name']}", c["runtime"], day, c["peer"], s, c.get("class"), c.get("why", ""))
        if "line" in c and at:
            pos = (at[0]["line"], at[0]["column"])
            t.row(f"{c['name']}: position", f"{c['line']}:{c['column']}", f"{pos[0]}:{pos[1]}", "agree",
                  pos == (c["line"], c["column"]))
    t.show()
    e = Table("serverless-rules", "its EOL enum (2021) and every runtime it leaves out")
    list_cases(e, {rt: ("FAIL" if rt in cases["enum"] else "PASS") for rt in AWS}, day)
    e.show()


def steampipe():
    lists = load("steampipe", "lists.json")
    day = os.environ.get("SUNSET_TODAY", "2026-11-28")
    t = Table("steampipe", f"lambda_function_use_latest_runtime's lists (latest: ok, deprecated: alarm), as of {day}")
    verdicts = {rt: "PASS" for rt in lists["lambda_latest_runtimes"]}
    verdicts.update({rt: "FAIL" for rt in lists["lambda_deprecated_runtimes"]})
    list_cases(t, verdicts, day)
    t.show()


def tflint():
    cases = load("tflint-ruleset-aws", "cases.json")
    t = Table("tflint-ruleset-aws", "aws_lambda_function_deprecated_runtime tests (synthetic data, --warn-days 0)")
    for i, c in enumerate(cases["synthetic"]):
        d = os.path.join(TMP, f"tfl-{i}")
        os.makedirs(d)
        with open(os.path.join(d, "main.tf"), "w") as f:
            f.write(cases["template"] % c["runtime"])
        rep = sunset([d], c["now"], ["--runtimes", fx("tflint-ruleset-aws", "catalog-synthetic.json"), "--warn-days", "0"])
        st = [f["status"] for f in rep["findings"] if f["runtime"] == c["runtime"]]
        s = st[0] if st else None
        t.row(f"{c['name']}: {c['runtime']} on {c['now']}", c["peer"] or "(silent)", s, "agree",
              s == c["peer"] if c["peer"] else s not in FLAGGED)
    for c in cases["embedded"]:
        d = os.path.join(TMP, "tfl-embedded")
        os.makedirs(d)
        with open(os.path.join(d, "main.tf"), "w") as f:
            f.write(cases["template"] % c["runtime"])
        day = os.environ.get("SUNSET_TODAY", "2026-11-28")
        rep = sunset([d], day)
        st = [f["status"] for f in rep["findings"] if f["runtime"] == c["runtime"]]
        pass_fail_case(t, f"{c['name']}: {c['runtime']}", c["runtime"], day, c["peer"], st[0] if st else None)
    t.show()
    # its generated data, date for date against sunset's built-in catalog
    d = Table("tflint-ruleset-aws", "deprecated_runtimes.json (its data, 2026-07-31) against sunset's catalog")
    p = subprocess.run([SUNSET, "runtimes", "--format", "json", "--as-of", "2026-11-28"], capture_output=True, text=True)
    cat = {r["runtime"]: r for r in json.loads(p.stdout)["runtimes"]}
    for rt, dates in sorted(AWS.items()):
        mine = cat.get(rt)
        theirs = tuple((dates.get(k) or "")[:10] or None for k in ("end_of_support_date", "block_create_date",
                                                                     "block_update_date"))
        ours = tuple(mine.get(k) for k in ("deprecation_date", "block_create_date", "block_update_date")) if mine else None
        d.row(rt, "/".join(x or "-" for x in theirs), "/".join(x or "-" for x in ours) if ours else "(absent)", "agree",
              ours == theirs)
    d.show()


def negative_control():
    """The comparison can fail: the snapshot rows of cfn-lint against a report with one
    finding moved to another phase must fail."""
    global passed, failed
    saved = (passed, failed, list(failures))
    rep = sunset([fx("cfn-lint", "templates")], "2026-01-01")
    snap = load("cfn-lint", "snapshot-expected.json")
    e = snap["findings"][0]
    for f in rep["findings"]:
        if f["file"] == e["file"] and f["line"] == e["line"]:
            f["status"] = "supported"
    t = Table("cfn-lint", "control")
    places = by_place(rep)
    at = [f for f in places.get((e["file"], e["line"]), []) if same_resource(f, e["resource"])]
    t.row("control", e["status"], "x", "agree", e["status"] in {f["status"] for f in at})
    blind = failed == saved[1]
    passed, failed = saved[0], saved[1]
    failures[:] = saved[2]
    if blind:
        failed += 1
        failures.append("control: the comparison did not notice a finding in another phase")
    else:
        passed += 1


def main():
    missing = [p for p in PEERS if not os.path.isfile(fx(p, "SOURCE.txt"))]
    if missing:
        print(f"peer: THE PEER FIXTURES ARE MISSING: {', '.join(missing)} not in {FIX}")
        if os.environ.get("TEST_COUNTS"):
            with open(os.environ["TEST_COUNTS"], "a") as f:
                f.write("0 1\n")
        return 1
    AWS.update(load("tflint-ruleset-aws", "deprecated_runtimes.json")["runtimes"])
    for fn in (cfn_lint, checkov, cloudsploit, prowler, serverless_rules, steampipe, tflint):
        fn()
    negative_control()
    print()
    for f in failures:
        print("peer: FAIL", f)
    print(f"peer: {passed} passed, {failed} failed, {pending} pending (fixed by other branches of issue 11)")
    counts = os.environ.get("TEST_COUNTS")
    if counts:
        with open(counts, "a") as f:
            f.write(f"{passed} {failed}\n")
    return 1 if failed else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    finally:
        subprocess.run(["rm", "-rf", TMP])
