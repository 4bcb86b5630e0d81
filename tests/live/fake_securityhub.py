#!/usr/bin/env python3
"""A fake Security Hub for what moto cannot do: list some findings in FailedFindings.

POST /findings/import answers like BatchImportFindings. A finding whose Id contains
"flaky" fails the first time it is sent and is accepted the second time; one containing
"doomed" always fails. Every call is appended to LOG (one JSON line: the region signed
for, the service, the finding ids) so the test can check batch sizes and resends.
usage: fake_securityhub.py PORT LOG"""
import json
import re
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT, LOG = int(sys.argv[1]), sys.argv[2]
seen = set()


class H(BaseHTTPRequestHandler):
    def log_message(self, *a):
        pass

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        auth = self.headers.get("Authorization", "")
        m = re.search(r"Credential=[^/]+/\d{8}/([a-z0-9-]+)/([a-z0-9-]+)/aws4_request", auth)
        if self.path != "/findings/import" or not m:
            return self.reply(400, {"message": "bad request"})
        findings = json.loads(body)["Findings"]
        ids = [f["Id"] for f in findings]
        with open(LOG, "a") as f:
            f.write(json.dumps({"region": m.group(1), "service": m.group(2), "ids": ids,
                                "product_regions": sorted({x["ProductArn"].split(":")[3] for x in findings})}) + "\n")
        failed = []
        for i in ids:
            if "doomed" in i or ("flaky" in i and i not in seen):
                failed.append({"Id": i, "ErrorCode": "InvalidInput", "ErrorMessage": "try again"})
            seen.add(i)
        self.reply(200, {"FailedCount": len(failed), "SuccessCount": len(ids) - len(failed), "FailedFindings": failed})

    def reply(self, code, obj):
        b = json.dumps(obj).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(b)))
        self.end_headers()
        self.wfile.write(b)


ThreadingHTTPServer(("127.0.0.1", PORT), H).serve_forever()
