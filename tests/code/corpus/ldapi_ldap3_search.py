from django.http import JsonResponse
from ldap3 import Connection, Server


def find_colleague(request):
    email = request.GET["email"]
    conn = Connection(Server("ldap.example.org"), auto_bind=True)
    conn.search("dc=example,dc=org", f"(mail={email})", attributes=["cn"])
    return JsonResponse({"found": len(conn.entries)})
