#!/usr/bin/env python3
"""Check action.yml against GitHub's metadata syntax for a composite action, then print the
scan step's shell script with the given inputs substituted, for the test to run.

usage: check_action.py ACTION_YML [INPUT=VALUE ...]
Rules (docs.github.com, "Metadata syntax for GitHub Actions"): name, description and runs
are required; each input has a description (required and default optional, required a
boolean); each output of a composite action has a value; runs.using is "composite" with a
list of steps; each step has either run (then shell is required) or uses (then no run);
only the keys a composite step may have; branding uses a known colour. Expressions may only
name inputs the action declares and steps by an id that exists."""
import re
import shlex
import sys

import yaml

STEP_KEYS = {"run", "shell", "uses", "with", "name", "id", "if", "env", "working-directory", "continue-on-error"}
TOP_KEYS = {"name", "author", "description", "inputs", "outputs", "runs", "branding"}
COLORS = {"white", "black", "yellow", "blue", "green", "orange", "red", "purple", "gray-dark"}
SHELLS = {"bash", "pwsh", "python", "sh", "cmd", "powershell"}


def check(doc):
    errs = []
    if not isinstance(doc, dict):
        return ["action.yml is not a mapping"]
    for k in ("name", "description", "runs"):
        if k not in doc:
            errs.append(f"missing required key {k}")
    for k in doc:
        if k not in TOP_KEYS:
            errs.append(f"unknown top-level key {k}")
    for k in ("name", "description"):
        if k in doc and (not isinstance(doc[k], str) or not doc[k].strip()):
            errs.append(f"{k} must be a non-empty string")
    inputs = doc.get("inputs") or {}
    for iid, spec in inputs.items():
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", iid):
            errs.append(f"input id {iid!r} is not valid")
        if not isinstance(spec, dict) or not isinstance(spec.get("description"), str) or not spec["description"]:
            errs.append(f"input {iid} has no description")
            continue
        if "required" in spec and not isinstance(spec["required"], bool):
            errs.append(f"input {iid}: required must be true or false")
        if "default" in spec and not isinstance(spec["default"], str):
            errs.append(f"input {iid}: default must be a string (quote it)")
        for k in spec:
            if k not in ("description", "required", "default", "deprecationMessage"):
                errs.append(f"input {iid}: unknown key {k}")
    runs = doc.get("runs") or {}
    if runs.get("using") != "composite":
        errs.append("runs.using must be composite")
    steps = runs.get("steps")
    if not isinstance(steps, list) or not steps:
        errs.append("runs.steps must be a non-empty list")
        steps = []
    ids = {s.get("id") for s in steps if isinstance(s, dict) and s.get("id")}
    for i, s in enumerate(steps):
        where = f"step {i + 1} ({s.get('name', s.get('id', '?'))})" if isinstance(s, dict) else f"step {i + 1}"
        if not isinstance(s, dict):
            errs.append(f"{where} is not a mapping")
            continue
        for k in s:
            if k not in STEP_KEYS:
                errs.append(f"{where}: unknown key {k}")
        if ("run" in s) == ("uses" in s):
            errs.append(f"{where}: needs exactly one of run and uses")
        if "run" in s and s.get("shell") not in SHELLS:
            errs.append(f"{where}: a run step needs shell (one of {sorted(SHELLS)})")
        if "uses" in s and not re.fullmatch(r"[\w.-]+/[\w./-]+@[\w.-]+|\./.+|docker://.+", s["uses"]):
            errs.append(f"{where}: uses {s['uses']!r} is not OWNER/REPO[/PATH]@REF")
    outputs = doc.get("outputs") or {}
    for oid, spec in outputs.items():
        if not isinstance(spec, dict) or "value" not in spec:
            errs.append(f"output {oid}: a composite action's output needs value")
        elif "description" not in spec:
            errs.append(f"output {oid}: no description")
    b = doc.get("branding")
    if b is not None:
        if b.get("color") not in COLORS:
            errs.append(f"branding.color {b.get('color')!r} is not one of {sorted(COLORS)}")
        if not isinstance(b.get("icon"), str):
            errs.append("branding.icon must be a Feather icon name")
    # expressions name declared inputs and existing step ids
    text = yaml.safe_dump(doc)
    for m in re.finditer(r"inputs\.([A-Za-z0-9_-]+)", text):
        if m.group(1) not in inputs:
            errs.append(f"an expression names input {m.group(1)}, which is not declared")
    for m in re.finditer(r"steps\.([A-Za-z0-9_-]+)\.outputs", text):
        if m.group(1) not in ids:
            errs.append(f"an expression names step {m.group(1)}, which has no such id")
    return errs


def main():
    doc = yaml.safe_load(open(sys.argv[1]))
    errs = check(doc)
    if "--self-test" in sys.argv:
        # the check can fail: break the action in known ways, each must be caught
        import copy
        breakers = [
            lambda d: d.pop("description"),
            lambda d: d["inputs"]["paths"].pop("description"),
            lambda d: d["runs"]["steps"][0].pop("shell"),
            lambda d: d["runs"].__setitem__("using", "node20"),
            lambda d: d["runs"]["steps"][1].__setitem__("uses", "actions/checkout@v4"),
            lambda d: d["outputs"]["exit-code"].pop("value"),
        ]
        for i, brk in enumerate(breakers):
            d = copy.deepcopy(doc)
            brk(d)
            if not check(d):
                print(f"self-test: breaking the action in way {i} went unnoticed")
                return 1
        return 0 if not errs else 1
    for e in errs:
        print("action.yml:", e)
    if errs:
        return 1
    values = {k: v.get("default", "") for k, v in (doc.get("inputs") or {}).items()}
    for a in sys.argv[2:]:
        k, _, v = a.partition("=")
        if k not in values:
            print(f"no input {k}")
            return 1
        values[k] = v
    step = next(s for s in doc["runs"]["steps"] if s.get("id") == "scan")
    sub = lambda s: re.sub(r"\$\{\{\s*inputs\.([A-Za-z0-9_-]+)\s*\}\}", lambda m: values[m.group(1)], str(s))
    for k, v in (step.get("env") or {}).items():
        print(f"export {k}={shlex.quote(sub(v))}")
    print("set -eo pipefail")  # how GitHub runs a bash step: bash --noprofile --norc -eo pipefail
    print(sub(step["run"]))
    return 0


sys.exit(main())
