"""A fake Lambda endpoint for the upgrade faults moto cannot produce. Functions keep a
RevisionId that changes on every write and is checked on every guarded write (412
PreconditionFailedException), as Lambda does. Each function's name picks its fault:

  conflict   someone else updates the alias right after the first traffic step, so the
             next UpdateAlias, guarded by the RevisionId sunset read, is refused
  stale      the function changes between GetFunction and the update: the update is refused
  failing    the runtime update ends with LastUpdateStatus Failed (InProgress first)
  slow       the test invoke answers after 5 s
  erroring   the test invoke returns a function error (X-Amz-Function-Error: Unhandled)
  healthy    no fault (InProgress once after each update)
  layered    layers lib:3 (CompatibleRuntimes has python3.12) and nolist:1 (no list)
  oldlayer   layer old:1, built for python3.9 only
  warm       provisioned concurrency 5 on its alias; on a new version it is READY after 3 polls
  warmfail   the same, but the new version's allocation ends FAILED
  warmslow   the same, but the new version's allocation stays IN_PROGRESS

usage: fake_lambda_upgrade.py PORT STATE_FILE
GET /_state/NAME answers the function's state as the tests check it; every request is also
appended to STATE_FILE as one JSON line (method, path, body)."""
import json
import re
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

PORT, LOG = int(sys.argv[1]), sys.argv[2]
ARN = "arn:aws:lambda:us-east-1:210987654321:function:"
SHA = "c2hhMjU2LW9mLXRoZS1jb2RlLWluLXRoaXMtZmFrZQ=="
lock = threading.Lock()


def new_fn(name):
    return {"name": name, "runtime": "python3.9", "rev": str(uuid.uuid4()), "status": "Successful",
            "polls": 0, "versions": {"1": "python3.9"},
            "alias": {"version": "1", "weights": {}, "rev": str(uuid.uuid4())}, "alias_updates": 0,
            "pc": {"live": {"n": 5, "status": "READY", "polls": 0}} if name.startswith("warm") else {}}


FNS = {n: new_fn(n) for n in ("conflict", "stale", "failing", "slow", "erroring", "healthy", "layered", "oldlayer",
                               "warm", "warmfail", "warmslow")}
LAYER = "arn:aws:lambda:us-east-1:210987654321:layer:"
LAYERS = {"layered": ["lib:3", "nolist:1"], "oldlayer": ["old:1"]}
LAYER_RUNTIMES = {("lib", "3"): ["python3.11", "python3.12"], ("nolist", "1"): None, ("old", "1"): ["python3.9"]}


def config(f):
    c = {"FunctionName": f["name"], "FunctionArn": ARN + f["name"], "Runtime": f["runtime"],
         "PackageType": "Zip", "CodeSha256": SHA, "RevisionId": f["rev"], "State": "Active",
         "LastUpdateStatus": f["status"], "Version": "$LATEST"}
    if f["name"] in LAYERS:
        c["Layers"] = [{"Arn": LAYER + x, "CodeSize": 10} for x in LAYERS[f["name"]]]
    if f["status"] == "Failed":
        c["LastUpdateStatusReason"] = "the runtime could not be set up (fake)"
    return c


def alias(f):
    return {"Name": "live", "FunctionVersion": f["alias"]["version"], "RevisionId": f["alias"]["rev"],
            "RoutingConfig": {"AdditionalVersionWeights": f["alias"]["weights"]}}


class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def send(self, code, doc, headers=()):
        body = json.dumps(doc).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def err(self, code, typ, msg):
        self.send(code, {"Type": "User", "Message": msg, "__type": typ}, [("X-Amzn-ErrorType", typ)])

    def handle_any(self):
        u = urlsplit(self.path)
        q = dict(parse_qsl(u.query))
        n = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(n) if n else b""
        body = json.loads(raw) if raw and "invocations" not in u.path else {}
        with open(LOG, "a") as lf:
            lf.write(json.dumps({"method": self.command, "path": u.path, "query": q, "body": body}) + "\n")
        m = re.match(r"^/_state/([\w-]+)$", u.path)
        if m:
            f = FNS[m.group(1)]
            return self.send(200, {"runtime": f["runtime"], "status": f["status"], "alias_version": f["alias"]["version"],
                                   "alias_weights": f["alias"]["weights"], "versions": f["versions"],
                                   "pc": {k: [v["n"], v["status"]] for k, v in f["pc"].items()}})
        m = re.match(r"^/2018-10-31/layers/([\w-]+)/versions/(\d+)$", u.path)
        if m:
            if (m.group(1), m.group(2)) not in LAYER_RUNTIMES:
                return self.err(404, "ResourceNotFoundException", "no such layer version")
            doc = {"LayerVersionArn": LAYER + m.group(1) + ":" + m.group(2), "Version": int(m.group(2))}
            rts = LAYER_RUNTIMES[(m.group(1), m.group(2))]
            if rts is not None:
                doc["CompatibleRuntimes"] = rts
            return self.send(200, doc)
        m = re.match(r"^/\d{4}-\d\d-\d\d/functions/([\w-]+)(/.*)?$", u.path)
        if not m or m.group(1) not in FNS:
            if u.path.startswith("/2015-03-31/event-source-mappings"):
                return self.send(200, {"EventSourceMappings": []})
            return self.err(404, "ResourceNotFoundException", "no such resource")
        f, rest = FNS[m.group(1)], m.group(2) or ""
        with lock:
            return self.route(f, rest, q, body)

    def route(self, f, rest, q, body):
        cmd = self.command
        if cmd == "GET" and rest == "":
            c = config(f)
            if f["name"] == "stale":
                f["rev"] = str(uuid.uuid4())  # someone else's change lands right after this read
            return self.send(200, {"Configuration": c, "Tags": {}})
        if cmd == "GET" and rest == "/configuration":
            if f["status"] == "InProgress":
                f["polls"] += 1
                if f["polls"] >= 2:
                    f["status"] = "Failed" if f["name"] == "failing" and f["runtime"] != "python3.9" else "Successful"
                    f["rev"] = str(uuid.uuid4())
            return self.send(200, config(f))
        if cmd == "PUT" and rest == "/configuration":
            if body.get("RevisionId") and body["RevisionId"] != f["rev"]:
                return self.err(412, "PreconditionFailedException", "The Revision Id provided does not match the latest Revision Id.")
            if f["status"] == "InProgress":
                return self.err(409, "ResourceConflictException", "An update is in progress")
            f["runtime"] = body.get("Runtime", f["runtime"])
            f["status"], f["polls"], f["rev"] = "InProgress", 0, str(uuid.uuid4())
            return self.send(200, config(f))
        if cmd == "POST" and rest == "/versions":
            if body.get("RevisionId") and body["RevisionId"] != f["rev"]:
                return self.err(412, "PreconditionFailedException", "The Revision Id provided does not match the latest Revision Id.")
            if body.get("CodeSha256") and body["CodeSha256"] != SHA:
                return self.err(412, "PreconditionFailedException", "CodeSha256 does not match")
            v = str(max(int(x) for x in f["versions"]) + 1)
            f["versions"][v] = f["runtime"]
            c = config(f)
            c["Version"] = v
            return self.send(201, c)
        if cmd == "POST" and rest == "/invocations":
            if f["name"] == "slow":
                time.sleep(5)
            if f["name"] == "erroring":
                return self.send(200, {"errorMessage": "No module named 'distutils'", "errorType": "Runtime.ImportModuleError"},
                                 [("X-Amz-Function-Error", "Unhandled")])
            return self.send(200, {"ok": True})
        if rest == "/aliases/live" and cmd == "GET":
            return self.send(200, alias(f))
        if rest == "/aliases/live" and cmd == "PUT":
            if body.get("RevisionId") and body["RevisionId"] != f["alias"]["rev"]:
                return self.err(412, "PreconditionFailedException", "The Revision Id provided does not match the latest Revision Id.")
            f["alias"] = {"version": body["FunctionVersion"],
                          "weights": body.get("RoutingConfig", {}).get("AdditionalVersionWeights", {}),
                          "rev": str(uuid.uuid4())}
            f["alias_updates"] += 1
            doc = alias(f)
            if f["name"] == "conflict" and f["alias_updates"] == 1:
                f["alias"]["rev"] = str(uuid.uuid4())  # someone else touches the alias
            return self.send(200, doc)
        if rest == "/provisioned-concurrency" and q.get("Qualifier"):
            qual = q["Qualifier"]
            if cmd == "PUT":
                if qual != "live" and qual not in f["versions"]:
                    return self.err(404, "ResourceNotFoundException", "no such version")
                f["pc"][qual] = {"n": body["ProvisionedConcurrentExecutions"], "status": "IN_PROGRESS", "polls": 0}
                return self.send(202, {"RequestedProvisionedConcurrentExecutions": f["pc"][qual]["n"],
                                       "AllocatedProvisionedConcurrentExecutions": 0, "Status": "IN_PROGRESS"})
            if qual not in f["pc"]:
                return self.err(404, "ProvisionedConcurrencyConfigNotFoundException", "No Provisioned Concurrency Config found")
            pc = f["pc"][qual]
            if cmd == "DELETE":
                del f["pc"][qual]
                self.send_response(204)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if pc["status"] == "IN_PROGRESS":
                pc["polls"] += 1
                if pc["polls"] >= 3 and f["name"] != "warmslow":
                    pc["status"] = "FAILED" if f["name"] == "warmfail" else "READY"
            doc = {"RequestedProvisionedConcurrentExecutions": pc["n"], "Status": pc["status"],
                   "AllocatedProvisionedConcurrentExecutions": pc["n"] if pc["status"] == "READY" else 0}
            if pc["status"] == "FAILED":
                doc["StatusReason"] = "FUNCTION_ERROR_INIT_FAILURE (fake)"
            return self.send(200, doc)
        if rest in ("/url", "/policy") or rest.startswith("/provisioned-concurrency"):
            return self.err(404, "ResourceNotFoundException", "none")
        return self.err(400, "InvalidRequestContentException", "not faked: " + cmd + " " + rest)

    do_GET = do_PUT = do_POST = do_DELETE = handle_any


ThreadingHTTPServer(("127.0.0.1", PORT), H).serve_forever()
