"""A gate in front of moto for what moto cannot do: deny one account and fail one region.

usage: fake_gate.py PORT MOTO_URL DENIED_ACCOUNT FAILING_REGION
Every request is forwarded to moto unchanged, except:
  STS AssumeRole of a role in DENIED_ACCOUNT   403 AccessDenied (as STS answers it)
  Lambda in FAILING_REGION (credential scope)   500 ServiceException, every time
The service and region are read from the SigV4 credential scope of the request.
"""
import http.client
import re
import socket
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote_plus, urlsplit

PORT, MOTO, DENIED, FAILING = int(sys.argv[1]), urlsplit(sys.argv[2]), sys.argv[3], sys.argv[4]
DENY = ('<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type>'
        '<Code>AccessDenied</Code><Message>User is not authorized to perform: sts:AssumeRole</Message>'
        '</Error><RequestId>x</RequestId></ErrorResponse>')


class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def setup(self):
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, *a):
        pass

    def answer(self, status, body, ctype):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def handle_any(self):
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n) if n else b""
        m = re.search(r"Credential=[^/]+/\d{8}/([^/]+)/([^/]+)/aws4_request", self.headers.get("Authorization", ""))
        region, service = m.groups() if m else ("", "")
        if service == "sts" and f":{DENIED}:role/" in unquote_plus(body.decode(errors="replace")):
            return self.answer(403, DENY, "text/xml")
        if service == "lambda" and region == FAILING:
            return self.answer(500, '{"Type": "ServiceException", "message": "the gate fails this region"}',
                               "application/json")
        c = http.client.HTTPConnection(MOTO.hostname, MOTO.port, timeout=30)
        hdrs = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection")}
        c.request(self.command, self.path, body=body, headers=hdrs)
        r = c.getresponse()
        data = r.read()
        self.send_response(r.status)
        for k, v in r.getheaders():
            if k.lower() not in ("content-length", "connection", "transfer-encoding", "server", "date"):
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        c.close()

    do_GET = do_POST = do_PUT = do_DELETE = handle_any


ThreadingHTTPServer.daemon_threads = True
ThreadingHTTPServer(("127.0.0.1", PORT), H).serve_forever()
