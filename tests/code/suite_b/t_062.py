import json
import subprocess
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlparse

RECORD_TYPES = {"A", "AAAA", "MX", "TXT", "NS"}


class DnsHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        params = parse_qs(urlparse(self.path).query)
        domain = params.get("domain", [""])[0]
        rtype = params.get("type", ["A"])[0].upper()
        if rtype not in RECORD_TYPES:
            rtype = "A"
        if not domain:
            self.send_error(400, "domain required")
            return
        cmd = f"dig +short {rtype} {domain}"
        output = subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=10)
        body = json.dumps({"answers": output.stdout.split()}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


if __name__ == "__main__":
    HTTPServer(("127.0.0.1", 8081), DnsHandler).serve_forever()
