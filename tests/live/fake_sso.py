"""A fake IAM Identity Center: the portal's GetRoleCredentials and SSO OIDC CreateToken.

usage: fake_sso.py PORT LOG_FILE
  GET /federation/credentials?account_id=&role_name=   with x-amz-sso_bearer_token "good-token" or
      "refreshed-token": moto's test keys as role credentials (an hour left); any other token 401
  POST /token   grantType refresh_token with refreshToken "good-refresh", clientId "cid" and
      clientSecret "csecret": accessToken "refreshed-token" for an hour; anything else 400
Each request is appended to LOG_FILE as a JSON line (path, account, role, which token).
"""
import json
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

PORT, LOG = int(sys.argv[1]), sys.argv[2]


class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def answer(self, status, obj):
        data = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log(self, **kw):
        with open(LOG, "a") as f:
            f.write(json.dumps(kw) + "\n")

    def do_GET(self):
        u = urlsplit(self.path)
        q = dict(parse_qsl(u.query))
        tok = self.headers.get("x-amz-sso_bearer_token")
        self.log(path=u.path, account=q.get("account_id"), role=q.get("role_name"), token=tok,
                 signed="Authorization" in self.headers)
        if u.path != "/federation/credentials":
            return self.answer(404, {"message": "no such path"})
        if tok not in ("good-token", "refreshed-token"):
            return self.answer(401, {"message": "Session token not found or invalid"})
        return self.answer(200, {"roleCredentials": {
            "accessKeyId": "AKIDMOTOTEST", "secretAccessKey": "moto-secret", "sessionToken": "sso-session-token",
            "expiration": int((time.time() + 3600) * 1000)}})

    def do_POST(self):
        n = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(n) or b"{}")
        self.log(path=self.path, grant=body.get("grantType"), refresh=body.get("refreshToken"))
        if (self.path == "/token" and body.get("grantType") == "refresh_token" and body.get("refreshToken") == "good-refresh"
                and body.get("clientId") == "cid" and body.get("clientSecret") == "csecret"):
            return self.answer(200, {"accessToken": "refreshed-token", "expiresIn": 3600, "tokenType": "Bearer",
                                     "refreshToken": "next-refresh"})
        return self.answer(400, {"error": "invalid_grant"})


ThreadingHTTPServer.daemon_threads = True
ThreadingHTTPServer(("127.0.0.1", PORT), H).serve_forever()
