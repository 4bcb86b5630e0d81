"""Credential endpoints on loopback for the credential-chain tests: EC2 instance metadata
with the IMDSv2 token flow, and the ECS/EKS container credentials endpoint.
usage: fake_metadata.py PORT LOG
  PUT /latest/api/token (needs x-aws-ec2-metadata-token-ttl-seconds)      -> token
  GET /latest/meta-data/iam/security-credentials/ (needs the token)       -> role name
  GET /latest/meta-data/iam/security-credentials/audit-role (token)       -> credentials
  GET /container/creds (needs Authorization: container-secret-token)      -> credentials
  POST / Action=AssumeRole                                                 -> STS: AccessDenied for
       account 999999999999, temporary credentials for any other
Hostile instance metadata, by a path prefix (AWS_EC2_METADATA_SERVICE_ENDPOINT=http://.../MODE):
  /crlf      the token has a CR LF and a header after it (header injection)
  /garbage   a good token, then binary garbage for the role name
  /badcreds  a good token and role, then a body that is not credentials
Every request is appended to LOG as "METHOD PATH OK|REFUSED" (and "INJECTED" when a request
carries the header the /crlf token tries to inject)."""
import json
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer

PORT, LOG = int(sys.argv[1]), sys.argv[2]
TOKEN = "imds-session-token-123"
CREDS = {"Code": "Success", "AccessKeyId": "AKIDMETA", "SecretAccessKey": "meta-secret",
         "Token": "meta-session-token", "Expiration": "2099-01-01T00:00:00Z"}


class H(BaseHTTPRequestHandler):
    def log_message(self, *a):
        pass

    def out(self, status, body, ok):
        with open(LOG, "a") as f:
            f.write(f"{self.command} {self.path} {'OK' if ok else 'REFUSED'}\n")
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
        if "Action=AssumeRole" not in body:
            return self.out(404, "", False)
        if "999999999999" in body:
            return self.out(403, "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code>"
                                 "<Message>not authorized to perform sts:AssumeRole</Message></Error></ErrorResponse>",
                            False)
        return self.out(200, "<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>AKIDMOTOTEST</AccessKeyId>"
                             "<SecretAccessKey>moto-secret</SecretAccessKey><SessionToken>tok</SessionToken>"
                             "<Expiration>2099-01-01T00:00:00Z</Expiration></Credentials></AssumeRoleResult>"
                             "</AssumeRoleResponse>", True)

    def mode(self):
        for m in ("crlf", "garbage", "badcreds"):
            if self.path.startswith(f"/{m}/latest/"):
                self.path = self.path[len(m) + 1:]
                return m
        return None

    def do_PUT(self):
        m = self.mode()
        if m == "crlf" and self.path == "/latest/api/token":
            return self.out(200, TOKEN + "\r\nX-Injected: yes", True)
        if self.path == "/latest/api/token" and self.headers.get("x-aws-ec2-metadata-token-ttl-seconds"):
            return self.out(200, TOKEN, True)
        return self.out(400, "", False)

    def do_GET(self):
        m = self.mode()
        if self.headers.get("X-Injected"):
            with open(LOG, "a") as f:
                f.write("INJECTED\n")
        if m == "garbage" and self.path == "/latest/meta-data/iam/security-credentials/":
            return self.out(200, "\x00\x1b[2J<html>\xff", True)
        if m == "badcreds" and self.path == "/latest/meta-data/iam/security-credentials/audit-role":
            return self.out(200, "<html>maintenance</html>", True)
        if self.path.startswith("/latest/"):
            if self.headers.get("x-aws-ec2-metadata-token") != TOKEN:
                return self.out(401, "", False)  # IMDSv1 (no token) is refused
            if self.path == "/latest/meta-data/iam/security-credentials/":
                return self.out(200, "audit-role\n", True)
            if self.path == "/latest/meta-data/iam/security-credentials/audit-role":
                return self.out(200, json.dumps(CREDS), True)
        if self.path == "/container/creds":
            if self.headers.get("Authorization") != "container-secret-token":
                return self.out(403, "", False)
            return self.out(200, json.dumps(dict(CREDS, AccessKeyId="AKIDCONTAINER")), True)
        return self.out(404, "", False)


HTTPServer(("127.0.0.1", PORT), H).serve_forever()
