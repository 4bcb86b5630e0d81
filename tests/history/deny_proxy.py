"""A loopback proxy in front of moto that can deny one account: while the file DENY_FILE
exists, STS AssumeRole into ACCOUNT answers 403 AccessDenied (moto cannot deny). Everything
else is forwarded unchanged (moto does not check signatures).
usage: deny_proxy.py PORT UPSTREAM DENY_FILE ACCOUNT"""
import http.server
import os
import sys
import urllib.error
import urllib.request

PORT, UPSTREAM, DENY, ACCOUNT = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]


class Proxy(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def relay(self):
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n) if n else b""
        if os.path.exists(DENY) and b"Action=AssumeRole" in body and ACCOUNT.encode() in body:
            out = (b"<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code>"
                   b"<Message>not authorized to perform sts:AssumeRole</Message></Error></ErrorResponse>")
            self.send_response(403)
            self.send_header("Content-Type", "text/xml")
            self.send_header("Content-Length", str(len(out)))
            self.end_headers()
            self.wfile.write(out)
            return
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "content-length", "connection")}
        req = urllib.request.Request(UPSTREAM + self.path, data=body if n else None, headers=headers,
                                     method=self.command)
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                code, rh, out = r.status, r.headers, r.read()
        except urllib.error.HTTPError as e:
            code, rh, out = e.code, e.headers, e.read()
        self.send_response(code)
        for k, v in rh.items():
            if k.lower() not in ("content-length", "connection", "transfer-encoding", "server", "date"):
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)

    do_GET = do_POST = do_PUT = do_DELETE = relay


http.server.ThreadingHTTPServer(("127.0.0.1", PORT), Proxy).serve_forever()
