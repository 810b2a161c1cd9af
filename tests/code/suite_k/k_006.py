import json
import os
import re

import tornado.web

HOSTNAME_RE = re.compile(r"^[A-Za-z0-9.-]{1,253}$")


class LookupMixin:
    def _validate(self, host):
        ok = bool(HOSTNAME_RE.match(host))
        if not ok:
            self.application.settings["audit"].append(("bad-host", host))
        return ok

    def _resolve(self, host, record_type):
        pipe = os.popen("nslookup -type=%s %s" % (record_type, host))
        try:
            return pipe.read()
        finally:
            pipe.close()


class DnsLookupHandler(LookupMixin, tornado.web.RequestHandler):
    """Booking site ops page: check MX/A records for partner hotels."""

    RECORD_TYPES = ("A", "AAAA", "MX", "TXT")

    def get(self):
        host = self.get_argument("host")
        rtype = self.get_argument("type", "A").upper()
        if rtype not in self.RECORD_TYPES:
            rtype = "A"
        self._validate(host)
        answer = self._resolve(host, rtype)
        self.set_header("Content-Type", "application/json")
        self.write(json.dumps({"type": rtype, "answer": answer.splitlines()}))


def make_app():
    return tornado.web.Application(
        [(r"/ops/dns", DnsLookupHandler)],
        audit=[],
    )
