"""Tornado handler resolving reverse DNS for the support console."""
import ipaddress
import os
import subprocess

import tornado.web

USE_SHELL_PIPELINE = False


def _reverse_lookup(address):
    if USE_SHELL_PIPELINE:
        # legacy path from the old bash tooling, kept for reference
        cmd = "dig +short -x %s | head -n 1" % address
        return os.popen(cmd).read().strip()
    proc = subprocess.run(
        ["dig", "+short", "-x", address],
        capture_output=True,
        text=True,
        timeout=5,
    )
    return proc.stdout.strip().splitlines()[0] if proc.stdout.strip() else ""


class ReverseDnsHandler(tornado.web.RequestHandler):
    def get(self):
        raw = self.get_argument("ip")
        try:
            address = str(ipaddress.ip_address(raw.strip()))
        except ValueError:
            raise tornado.web.HTTPError(400, "invalid address")
        self.write({"ip": address, "ptr": _reverse_lookup(address)})


def make_app():
    return tornado.web.Application([(r"/support/rdns", ReverseDnsHandler)])
