import re

import tornado.web
from ldap3 import Connection, Server, SUBTREE

SAFE = re.compile(r"^[A-Za-z0-9_.-]+$")


class DirectoryHandler(tornado.web.RequestHandler):
    """Ticketing tool: suggest assignees from a department."""

    def initialize(self, server_url, base_dn):
        self.server = Server(server_url)
        self.base_dn = base_dn

    def get(self):
        username = self.get_argument("username", "")
        department = self.get_argument("department", "")
        if username and not SAFE.match(username):
            raise tornado.web.HTTPError(400)
        query = "(&(objectClass=person)(departmentNumber=" + department + ")"
        if username:
            query += "(uid=" + username + "*)"
        query += ")"
        with Connection(self.server, auto_bind=True) as conn:
            conn.search(self.base_dn, query, SUBTREE, attributes=["uid", "cn"])
            people = [{"uid": str(e.uid), "name": str(e.cn)} for e in conn.entries]
        self.finish({"assignees": people})


def make_app(settings):
    return tornado.web.Application([
        (r"/assignees", DirectoryHandler,
         dict(server_url=settings["ldap"], base_dn=settings["base_dn"])),
    ])
