"""A fake Lambda endpoint for what moto cannot do: real pagination with NextMarker, 429
with Retry-After, 500s, dropped connections, cut-off and non-JSON bodies, slow responses,
and a check of every request's SigV4 signature with botocore's own signer.

usage: fake_lambda.py PORT STATE_FILE
Regions (from the credential scope of each request):
  us-east-1   120 functions x 3 versions, 50 per page, with faults on some pages
  eu-west-1   10 functions, 2 per page, every page first answered 429 Retry-After: 1
  ap-south-1  always 403 AccessDeniedException (a permanently failing region)
  sa-east-1   always 500 (a region that keeps failing after retries)
Hostile regions (each asked for by its own test):
  eu-north-1      NextMarker A, then B, then A again (a loop)
  eu-west-2       NextMarker 42 (not a string) after the first page
  eu-west-3       a page with malformed items among good ones
  ca-central-1    the first request answered 429 with Retry-After: 3599
  us-west-2       a NextMarker of 9000 characters (the next URL is longer than 8 KiB)
  ap-northeast-1  a flagged function whose ListAliases NextMarker repeats
  us-east-2       a 429 storm: 20 flagged functions, 5 per page; every page, ListTags and every
                  ListAliases answered 429 Retry-After: 1 twice before it succeeds; the
                  arrival time of every request is logged in state["times"]["us-east-2"]
Writes a JSON summary of what was served to STATE_FILE after every request.
"""
import json
import re
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

PORT, STATE = int(sys.argv[1]), sys.argv[2]
# Benchmark mode (bench/live): FAKE_BENCH="FUNCTIONS,VERSIONS,DELAY_S,FLAGGED_PERCENT": every
# region has that estate, every response is delayed, no faults.
BENCH = None
if len(sys.argv) > 3:
    f, v, d, p = sys.argv[3].split(",")
    BENCH = {"functions": int(f), "versions": int(v), "delay": float(d), "flagged": float(p)}
ACCOUNT = "210987654321"
SECRET = {"AKIDFAKE": "fake-secret"}
lock = threading.Lock()
state = {"requests": 0, "pages": {}, "bad_signatures": 0, "faults": {}, "alias_calls": 0, "hostile": {}}
LONG_MARKER = "".join("ab+/=~ %&"[i % 9] for i in range(9000))
seen_fault = set()

RUNTIMES = ["python3.8", "python3.12", "nodejs16.x", "nodejs24.x", "java21", "go1.x"]


def bench_functions(region):
    out = []
    step = int(100 / BENCH["flagged"]) if BENCH["flagged"] > 0 else 0
    for i in range(BENCH["functions"]):
        name = f"fn-{i:05d}"
        rt = "python3.8" if step and i % step == 0 else "python3.13"
        for k in range(BENCH["versions"]):
            v = "$LATEST" if k == 0 else str(k)
            out.append({"FunctionName": name, "FunctionArn": f"arn:aws:lambda:{region}:{ACCOUNT}:function:{name}:{v}",
                        "Runtime": rt, "Version": v, "PackageType": "Zip", "Architectures": ["arm64"],
                        "LastModified": "2025-01-01T00:00:00.000+0000"})
    return out


cache = {}
rendered = {}


def functions(region):
    if BENCH:
        with lock:
            if region not in cache:
                cache[region] = bench_functions(region)
            return cache[region]
    n = {"us-east-1": 120, "eu-west-1": 10}.get(region, 0)
    out = []
    for i in range(n):
        name = f"fn-{i:03d}"
        for v in (["$LATEST", "1", "2"] if region == "us-east-1" else ["$LATEST"]):
            out.append({"FunctionName": name, "FunctionArn": f"arn:aws:lambda:{region}:{ACCOUNT}:function:{name}:{v}",
                        "Runtime": RUNTIMES[(i + (0 if v == "$LATEST" else int(v))) % len(RUNTIMES)],
                        "Version": v, "PackageType": "Zip", "Architectures": ["x86_64"],
                        "LastModified": "2025-01-01T00:00:00.000+0000"})
    return out


def fn(region, name, runtime="python3.8", version="$LATEST"):
    return {"FunctionName": name, "FunctionArn": f"arn:aws:lambda:{region}:{ACCOUNT}:function:{name}:{version}",
            "Runtime": runtime, "Version": version, "PackageType": "Zip", "Architectures": ["x86_64"],
            "LastModified": "2025-01-01T00:00:00.000+0000"}


def hostile(region, path, q):
    """The hostile regions' answers: (status, body, headers) or None for the others."""
    if region not in ("eu-north-1", "eu-west-2", "eu-west-3", "ca-central-1", "us-west-2", "ap-northeast-1"):
        return None
    if path.startswith("/2017-03-31/tags/"):
        return None  # ListTags: answered like everywhere else
    marker = q.get("Marker", "")
    with lock:  # the Marker of every ListFunctions ("list") and ListAliases ("aliases") request
        h = state["hostile"].setdefault(region, {"list": [], "aliases": []})
        h["aliases" if path.endswith("/aliases") else "list"].append(
            marker if len(marker) < 100 else f"<{len(marker)} chars>")
        if region == "us-west-2" and marker:
            h["long_marker_ok"] = marker == LONG_MARKER
    if region == "ap-northeast-1":
        if path.endswith("/aliases"):
            return 200, {"Aliases": [{"Name": "live", "FunctionVersion": "$LATEST"}], "NextMarker": "again"}, None
        return 200, {"Functions": [fn(region, "looping-aliases")]}, None
    if path != "/2015-03-31/functions/":
        return None
    if region == "eu-north-1":
        nxt = {"": "A", "A": "B", "B": "A"}[marker]
        return 200, {"Functions": [fn(region, f"page-{marker or '0'}")], "NextMarker": nxt}, None
    if region == "eu-west-2":
        return 200, {"Functions": [fn(region, "first-page")], "NextMarker": 42}, None
    if region == "eu-west-3":
        return 200, {"Functions": [fn(region, "good-one"), {"FunctionName": 5, "Runtime": "python3.8"}, "not an object",
                                   {"Runtime": ["python3.8"], "FunctionArn": {}}, fn(region, "good-two", "nodejs24.x")]}, None
    if region == "ca-central-1":
        if len(h["list"]) == 1:
            return 429, {"Type": "TooManyRequestsException", "message": "Rate exceeded"}, {"Retry-After": "3599"}
        return 200, {"Functions": [fn(region, "after-throttle")]}, None
    if region == "us-west-2":
        if not marker:
            return 200, {"Functions": [fn(region, "before-long-marker")], "NextMarker": LONG_MARKER}, None
        return 200, {"Functions": [fn(region, "after-long-marker")]}, None
    return None


def save():
    with open(STATE, "w") as f:
        json.dump(state, f)


class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def setup(self):
        super().setup()
        # headers and body go out as two writes: without this, Nagle and delayed ACKs add
        # 40 ms to every response, which is the server's delay, not the client's
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, *a):
        pass

    def reply(self, status, body, headers=None, cut=False):
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data[: len(data) // 2] if cut else data)
        if cut:
            self.close_connection = True

    def check_signature(self):
        auth = self.headers.get("Authorization", "")
        m = re.match(r"AWS4-HMAC-SHA256 Credential=([^/]+)/(\d{8})/([^/]+)/lambda/aws4_request, "
                     r"SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$", auth)
        if not m:
            return None
        akid, _, region, signed, sig = m.groups()
        url = f"http://{self.headers['Host']}{self.path}"
        hdrs = {k: self.headers[k] for k in signed.split(";")}
        req = AWSRequest(method=self.command, url=url, headers=hdrs, data=b"")
        req.context["timestamp"] = self.headers["x-amz-date"]
        signer = SigV4Auth(Credentials(akid, SECRET.get(akid, "?")), "lambda", region)
        want = signer.signature(signer.string_to_sign(req, signer.canonical_request(req)), req)
        return region if want == sig else None

    def bench_reply(self):
        if self.path == "/_state":
            save()
            return self.reply(200, "{}")
        m = re.search(r"/aws4_request", self.headers.get("Authorization", ""))
        region = self.headers.get("Authorization", "").split("/")[2] if m else "us-east-1"
        parts = urlsplit(self.path)
        time.sleep(BENCH["delay"])
        if parts.path.endswith("/aliases"):
            with lock:
                state["alias_calls"] += 1
                save()
            return self.reply(200, '{"Aliases": [{"Name": "live", "FunctionVersion": "1"}]}')
        if parts.path.startswith("/2017-03-31/tags/"):
            with lock:
                state["tag_calls"] = state.get("tag_calls", 0) + 1
            return self.reply(200, '{"Tags": {}}')
        start = int(dict(parse_qsl(parts.query)).get("Marker", "0") or 0)
        key = f"{region}:{start}"
        with lock:
            body = rendered.get(key)
        if body is None:
            allf = functions(region)
            page = {"Functions": allf[start:start + 50]}
            if start + 50 < len(allf):
                page["NextMarker"] = str(start + 50)
            body = json.dumps(page).encode()
            with lock:
                rendered[key] = body
        with lock:
            state["pages"][key] = state["pages"].get(key, 0) + 1
            pass
        return self.reply(200, body)

    def storm(self, path, q):
        region = "us-east-2"
        key = path + "?" + q.get("Marker", "")
        with lock:
            state.setdefault("times", {}).setdefault(region, []).append(time.monotonic())
            n = state.setdefault("storm", {}).get(key, 0)
            state["storm"][key] = n + 1
            save()
        if n < 2:
            return self.reply(429, json.dumps({"Type": "TooManyRequestsException", "message": "Rate exceeded"}),
                              {"Retry-After": "1"})
        if path.endswith("/aliases"):
            return self.reply(200, json.dumps({"Aliases": []}))
        if "/tags/" in path:
            return self.reply(200, json.dumps({"Tags": {}}))
        start = int(q.get("Marker", "0") or 0)
        allf = [fn(region, f"storm-{i:02d}") for i in range(20)]
        page = {"Functions": allf[start:start + 5]}
        if start + 5 < len(allf):
            page["NextMarker"] = str(start + 5)
        return self.reply(200, json.dumps(page))
    def do_POST(self):
        """CloudWatch GetMetricData (query protocol): every query answered, no datapoints."""
        n = int(self.headers.get("Content-Length", "0") or 0)
        form = dict(parse_qsl(self.rfile.read(n).decode()))
        if form.get("Action") != "GetMetricData":  # STS GetCallerIdentity among others: not served here
            return self.reply(400, "<ErrorResponse><Error><Code>InvalidAction</Code></Error></ErrorResponse>")
        m = re.search(r"Credential=[^/]+/[^/]+/([^/]+)/", self.headers.get("Authorization", ""))
        with lock:
            state["metric_calls"] = state.get("metric_calls", 0) + 1
            state.setdefault("metric_batches", []).append(  # region, first query id, queries
                [m.group(1) if m else "?", form.get("MetricDataQueries.member.1.Id"),
                 sum(k.endswith(".Id") for k in form)])
            save()
        ids = [v for k, v in form.items() if k.endswith(".Id")]
        members = "".join(f"<member><Id>{i}</Id><StatusCode>Complete</StatusCode><Values/></member>" for i in ids)
        return self.reply(200, "<GetMetricDataResponse><GetMetricDataResult><MetricDataResults>" + members +
                          "</MetricDataResults></GetMetricDataResult></GetMetricDataResponse>")

    def do_GET(self):
        with lock:
            state["requests"] += 1
        if BENCH:  # the benchmark measures the client: no signature check, pages pre-rendered
            return self.bench_reply()
        region = self.check_signature()
        if region is None:
            with lock:
                state["bad_signatures"] += 1
                save()
            return self.reply(403, json.dumps({"Type": "InvalidSignatureException", "message": "bad signature"}))
        parts = urlsplit(self.path)
        q = dict(parse_qsl(parts.query, keep_blank_values=True))
        if BENCH:
            time.sleep(BENCH["delay"])
        if region == "ap-south-1" and not BENCH:
            return self.reply(403, json.dumps({"Type": "AccessDeniedException", "message": "not authorized"}),
                              {"X-Amzn-ErrorType": "AccessDeniedException"})
        if region == "sa-east-1" and not BENCH:
            return self.reply(500, json.dumps({"Type": "ServiceException", "message": "boom"}))
        if region == "us-east-2":
            return self.storm(parts.path, q)
        h = hostile(region, parts.path, q)
        if h:
            with lock:
                save()
            return self.reply(h[0], json.dumps(h[1]), h[2])
        if parts.path.startswith("/2017-03-31/tags/"):  # ListTags of a flagged function: none
            with lock:
                state["tag_calls"] = state.get("tag_calls", 0) + 1
                save()
            return self.reply(200, json.dumps({"Tags": {}}))
        m = re.match(r"^/2015-03-31/functions/([^/]+)/aliases$", parts.path)
        if m:
            with lock:
                state["alias_calls"] += 1
                save()
            return self.reply(200, json.dumps({"Aliases": [{"Name": "live", "FunctionVersion": "1",
                                                            "RoutingConfig": {"AdditionalVersionWeights": {"2": 0.25}}}]}))
        if parts.path != "/2015-03-31/functions/":
            return self.reply(404, json.dumps({"Type": "ResourceNotFoundException", "message": parts.path}))
        per = 50 if region == "us-east-1" or BENCH else 2
        start = int(q.get("Marker", "0") or 0)
        key = f"{region}:{start}"
        fault = None
        with lock:
            first = key not in seen_fault
            seen_fault.add(key)
        if first and not BENCH:
            if region == "eu-west-1":
                fault = "throttle"
            elif region == "us-east-1":
                fault = {50: "500", 100: "cut", 150: "notjson", 200: "drop", 250: "slow"}.get(start)
        if fault:
            with lock:
                state["faults"][fault] = state["faults"].get(fault, 0) + 1
                save()
        if fault == "throttle":
            return self.reply(429, json.dumps({"Type": "TooManyRequestsException", "message": "Rate exceeded"}),
                              {"Retry-After": "1"})
        if fault == "500":
            return self.reply(500, json.dumps({"Type": "ServiceException", "message": "try again"}))
        if fault == "drop":
            self.close_connection = True
            return
        if fault == "slow":
            time.sleep(0.5)
        allf = functions(region)
        page = {"Functions": allf[start:start + per]}
        if start + per < len(allf):
            page["NextMarker"] = str(start + per)
        with lock:
            if fault not in ("cut", "notjson"):
                state["pages"][key] = state["pages"].get(key, 0) + 1
            pass
        if fault == "cut":
            return self.reply(200, json.dumps(page), cut=True)
        if fault == "notjson":
            return self.reply(200, "<html>gateway error</html>")
        return self.reply(200, json.dumps(page))


ThreadingHTTPServer.daemon_threads = True
ThreadingHTTPServer(("127.0.0.1", PORT), H).serve_forever()
