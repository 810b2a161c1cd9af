"""School district: list teachers in a department code (plain WSGI)."""
import re

from common.ldaputil import base_dn, connect
from common.web import json_response, param

DEPT_RE = re.compile(r"[a-z]{2,16}")


def application(environ, start_response):
    dept = param(environ, "dept").lower()
    if not DEPT_RE.fullmatch(dept):
        return json_response(start_response, {"error": "bad department"}, "400 Bad Request")
    conn = connect()
    conn.search(base_dn(), f"(&(objectClass=person)(ou={dept}))", attributes=["cn"])
    return json_response(start_response, {"teachers": [str(e.cn) for e in conn.entries]})
