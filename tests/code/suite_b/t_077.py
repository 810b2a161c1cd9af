import ldap
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.urls import path
from ldap.filter import filter_format

BASE_DN = "ou=staff,dc=example,dc=com"


@login_required
def staff_directory(request):
    email = request.GET.get("email", "")
    conn = ldap.initialize(settings.LDAP_URL)
    try:
        conn.simple_bind_s(settings.LDAP_BIND_DN, settings.LDAP_BIND_PASSWORD)
        search_filter = filter_format("(&(objectClass=inetOrgPerson)(mail=%s))", [email])
        results = conn.search_s(BASE_DN, ldap.SCOPE_SUBTREE, search_filter, ["cn", "telephoneNumber"])
    finally:
        conn.unbind_s()
    people = [
        {"cn": attrs.get("cn", [b""])[0].decode(), "phone": attrs.get("telephoneNumber", [b""])[0].decode()}
        for _dn, attrs in results
    ]
    return JsonResponse({"people": people})


urlpatterns = [path("staff/", staff_directory)]
