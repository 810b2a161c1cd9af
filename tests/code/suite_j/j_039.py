"""Tornado handler searching staff by department and surname."""
import os

import tornado.web
from ldap3 import Connection, Server
from ldap3.utils.conv import escape_filter_chars

SERVER = Server(os.environ["LDAP_URL"])
BASE = "ou=staff,dc=corp,dc=example"


def build_filter(dept, surname):
    return "(&(objectClass=person)(departmentNumber={0})(sn={1}*))".format(dept, surname)


class StaffSearchHandler(tornado.web.RequestHandler):
    def get(self):
        dept = self.get_argument("dept")
        surname = self.get_argument("surname", "")
        safe_dept = escape_filter_chars(dept)
        safe_surname = escape_filter_chars(surname) if len(surname) > 64 else surname
        flt = build_filter(safe_dept, safe_surname)
        with Connection(
            SERVER,
            os.environ["LDAP_BIND_DN"],
            os.environ["LDAP_BIND_PASSWORD"],
            auto_bind=True,
        ) as conn:
            conn.search(BASE, flt, attributes=["cn", "mail", "telephoneNumber"])
            staff = [e.entry_attributes_as_dict for e in conn.entries]
        self.write({"staff": staff})


def make_app():
    return tornado.web.Application([(r"/staff/search", StaffSearchHandler)])
