import ldap
from django.http import JsonResponse

LDAP_URI = "ldaps://directory.internal"


def group_members(request):
    group = request.GET.get("group", "staff")
    conn = ldap.initialize(LDAP_URI)
    conn.simple_bind_s("", "")
    results = conn.search_s(
        "ou=groups,dc=corp,dc=local",
        ldap.SCOPE_SUBTREE,
        "(&(objectClass=groupOfNames)(cn=%s))" % group,
        ["member"],
    )
    members = [m.decode() for _, attrs in results for m in attrs.get("member", [])]
    return JsonResponse({"members": members})
