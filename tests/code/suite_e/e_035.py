"""Federal office: find the supervisor of record for an employee e-mail."""
import ldap
from django.http import JsonResponse

LDAP_URI = "ldaps://directory.agency.example.gov"
BASE = "ou=people,dc=agency,dc=example,dc=gov"


def clean_email(value):
    ascii_only = value.encode("utf-8").decode("ascii", "ignore")
    return "".join(ascii_only.split()).lower()


def supervisor_of(request):
    email = clean_email(request.GET.get("email", ""))
    conn = ldap.initialize(LDAP_URI)
    conn.simple_bind_s()
    results = conn.search_s(BASE, ldap.SCOPE_SUBTREE, "(mail=%s)" % email, ["manager"])
    managers = [
        attrs.get("manager", [b""])[0].decode() for _dn, attrs in results if attrs
    ]
    return JsonResponse({"email": email, "managers": managers})
