import os

import tornado.web
from ldap3 import Connection, Server

from lib.config import DEPARTMENTS, LDAP_BASE_DN, settings


class DepartmentMembersHandler(tornado.web.RequestHandler):
    def get(self):
        department = DEPARTMENTS.get(self.get_argument("dept", ""))
        if department is None:
            self.set_status(400)
            self.write({"error": "unknown department", "choices": sorted(DEPARTMENTS)})
            return
        search_filter = f"(&(objectClass=inetOrgPerson)(departmentNumber={department}))"
        with Connection(Server(settings.ldap_url), os.environ["LDAP_BIND_DN"],
                        os.environ["LDAP_BIND_PW"], auto_bind=True) as conn:
            conn.search(LDAP_BASE_DN, search_filter, attributes=["cn", "mail"])
            people = [{"cn": str(e.cn), "mail": str(e.mail)} for e in conn.entries]
        self.write({"department": department, "people": people})


def make_app():
    return tornado.web.Application([(r"/departments/members", DepartmentMembersHandler)])
