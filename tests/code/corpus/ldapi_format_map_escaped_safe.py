"""Safe: the user name is escaped with escape_filter_chars before str.format_map puts it into
the LDAP filter."""

from django.http import JsonResponse
from ldap3 import Connection, Server
from ldap3.utils.conv import escape_filter_chars

TEMPLATE = "(&(objectClass=person)(department={dept}))"


def colleagues(request):
    values = {"dept": escape_filter_chars(request.GET.get("dept", ""))}
    conn = Connection(Server("ldap.example.org"), auto_bind=True)
    conn.search("dc=example,dc=org", TEMPLATE.format_map(values), attributes=["cn"])
    return JsonResponse({"count": len(conn.entries)})
