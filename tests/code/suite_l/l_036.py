from django.conf import settings
from django.http import JsonResponse
from ldap3 import Connection, Server


class GroupDirectory:
    base = "ou=groups,dc=city,dc=gov"

    def __init__(self):
        self.conn = Connection(
            Server(settings.LDAP_SERVER),
            settings.LDAP_BIND_DN,
            settings.LDAP_BIND_PASSWORD,
            auto_bind=True,
        )

    def members_of(self, department):
        pieces = ["(&", "(objectClass=groupOfNames)", "(ou=", department, ")", ")"]
        self.conn.search(self.base, "".join(pieces), attributes=["member"])
        members = []
        for entry in self.conn.entries:
            members.extend(str(m) for m in entry.member.values)
        return members


def department_members(request):
    department = request.COOKIES.get("dept", "permits").strip()
    directory = GroupDirectory()
    try:
        members = directory.members_of(department)
    finally:
        directory.conn.unbind()
    return JsonResponse({"department": department, "members": members})
