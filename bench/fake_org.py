"""A fake AWS organisation for bench/org: Organizations, STS, Lambda (ListFunctions,
ListAliases, ListTags) and CloudWatch (GetMetricData) for many accounts, on 127.0.0.1,
each response delayed 50-100 ms (uniform, seeded).

usage: fake_org.py PORT STATE_FILE ACCOUNTS
The estate (deterministic): account i (0-based, id 100000000000 + i) has in us-east-1 5
functions with 1 version each, one of them on python3.8 (flagged); every 100th account also
has in us-east-1 and eu-west-1 300 functions x 2 versions (12 pages of 50), 10% flagged; every
other region of every account is empty (one page). Accounts are told apart by the access key
STS hands out ("ASIA" + the account id).
GET /_state writes STATE_FILE: requests by kind, pages asked twice, the most requests in
flight at once, and the busiest second of any account-region (for the rate limit).
"""
import json
import random
import re
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, unquote, urlsplit

PORT, STATE, N = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
BASE_ID = 100000000000
rng = random.Random(7)
lock = threading.Lock()
st = {"requests": 0, "by_kind": {}, "repeats": 0, "in_flight": 0, "max_in_flight": 0, "latency_sum": 0.0}
seen = set()
times = {}  # (account, region) -> arrival times


def estate(acct_index, region):
    if region == "us-east-1":
        fns = [("small-%d" % i, "python3.8" if i == 0 else "python3.13", 1) for i in range(5)]
    else:
        fns = []
    if acct_index % 100 == 0 and region in ("us-east-1", "eu-west-1"):
        fns += [("busy-%03d" % i, "nodejs16.x" if i % 10 == 0 else "nodejs24.x", 2) for i in range(300)]
    return fns


cache = {}


def items(acct, region):
    key = (acct, region)
    with lock:
        if key in cache:
            return cache[key]
    out = []
    for name, rt, nv in estate(int(acct) - BASE_ID, region):
        for k in range(nv):
            v = "$LATEST" if k == 0 else str(k)
            out.append({"FunctionName": name, "FunctionArn": f"arn:aws:lambda:{region}:{acct}:function:{name}:{v}",
                        "Runtime": rt, "Version": v, "PackageType": "Zip", "Architectures": ["arm64"],
                        "LastModified": "2025-01-01T00:00:00.000+0000"})
    with lock:
        cache[key] = out
    return out


def creds_xml(acct):
    return (f'<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials>'
            f'<AccessKeyId>ASIA{acct}</AccessKeyId><SecretAccessKey>s</SecretAccessKey><SessionToken>t{acct}</SessionToken>'
            f'<Expiration>2099-01-01T00:00:00Z</Expiration></Credentials></AssumeRoleResult></AssumeRoleResponse>')


class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def setup(self):
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, *a):
        pass

    def answer(self, body, ctype="application/json", status=200):
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def count(self, kind, key=None):
        with lock:
            st["by_kind"][kind] = st["by_kind"].get(kind, 0) + 1
            if key is not None:
                if key in seen:
                    st["repeats"] += 1
                seen.add(key)

    def handle_any(self):
        if self.path == "/_state":
            with lock:
                busiest = 0
                for ts in times.values():
                    ts.sort()
                    j = 0
                    for i in range(len(ts)):
                        while ts[i] - ts[j] >= 1.0:
                            j += 1
                        busiest = max(busiest, i - j + 1)
                t_first = min((ts[0] for ts in times.values()), default=0)
                big = max(times.items(), key=lambda kv: len(kv[1]), default=(None, [0]))
                out = dict(st, busiest_second=busiest, account_regions=len(times),
                           longest_region={"account_region": "/".join(big[0]) if big[0] else None, "requests": len(big[1]),
                                           "starts": round(big[1][0] - t_first, 2), "ends": round(big[1][-1] - t_first, 2),
                                           "last_of_all": round(max(ts[-1] for ts in times.values()) - t_first, 2)},
                           mean_latency=st["latency_sum"] / max(1, st["requests"]))
            json.dump(out, open(STATE, "w"))
            return self.answer("{}")
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n) if n else b""
        m = re.search(r"Credential=([^/]+)/\d{8}/([^/]+)/([^/]+)/", self.headers.get("Authorization", ""))
        akid, region, service = m.groups() if m else ("", "", "")
        delay = rng.uniform(0.05, 0.1)
        with lock:
            st["requests"] += 1
            st["latency_sum"] += delay
            st["in_flight"] += 1
            st["max_in_flight"] = max(st["max_in_flight"], st["in_flight"])
        try:
            time.sleep(delay)
            self.serve(akid, region, service, body)
        finally:
            with lock:
                st["in_flight"] -= 1

    def serve(self, akid, region, service, body):
        u = urlsplit(self.path)
        if service == "organizations":
            tok = int(json.loads(body or b"{}").get("NextToken", "0"))
            self.count("organizations", ("org", tok))
            page = {"Accounts": [{"Id": str(BASE_ID + i), "Name": f"team-{i:04d}", "Status": "ACTIVE"}
                                 for i in range(tok, min(tok + 20, N))]}
            if tok + 20 < N:
                page["NextToken"] = str(tok + 20)
            return self.answer(json.dumps(page), "application/x-amz-json-1.1")
        if service == "sts":
            form = dict(parse_qsl(body.decode()))
            acct = form.get("RoleArn", "::::0").split(":")[4]
            self.count("sts", ("sts", acct))
            return self.answer(creds_xml(acct), "text/xml")
        acct = akid[4:] if akid.startswith("ASIA") else "?"
        with lock:
            times.setdefault((acct, region), []).append(time.monotonic())
        if service == "monitoring":
            self.count("cloudwatch")
            return self.answer(json.dumps({"MetricDataResults": [], "Messages": []}), "application/x-amz-json-1.0")
        q = dict(parse_qsl(u.query))
        if u.path.startswith("/2017-03-31/tags/"):
            self.count("list_tags", ("tags", unquote(u.path)))
            return self.answer(json.dumps({"Tags": {"owner": "team-" + acct[-4:]}}))
        m = re.match(r"^/2015-03-31/functions/([^/]+)/aliases$", u.path)
        if m:
            self.count("list_aliases", ("aliases", acct, region, m.group(1), q.get("Marker", "")))
            return self.answer(json.dumps({"Aliases": [{"Name": "live", "FunctionVersion": "1"}]}))
        if u.path == "/2015-03-31/functions/":
            start = int(q.get("Marker", "0") or 0)
            self.count("list_functions", ("page", acct, region, start))
            allf = items(acct, region)
            page = {"Functions": allf[start:start + 50]}
            if start + 50 < len(allf):
                page["NextMarker"] = str(start + 50)
            return self.answer(json.dumps(page))
        self.count("other")
        return self.answer(json.dumps({"message": "not found: " + u.path}), status=404)

    do_GET = do_POST = handle_any


ThreadingHTTPServer.daemon_threads = True
ThreadingHTTPServer.request_queue_size = 256
ThreadingHTTPServer(("127.0.0.1", PORT), H).serve_forever()
