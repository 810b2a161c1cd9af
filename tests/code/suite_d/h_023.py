"""Back-office: look up a colleague by e-mail address."""
import ldap
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse

BASE_DN = "OU=Staff,DC=corp,DC=firstcommunity,DC=local"


@login_required
def staff_by_email(request):
    email = request.GET.get("email", "")
    conn = ldap.initialize(settings.AD_URI)
    conn.set_option(ldap.OPT_REFERRALS, 0)
    conn.simple_bind_s(settings.AD_SERVICE_DN, settings.AD_SERVICE_PASSWORD)
    try:
        results = conn.search_s(
            BASE_DN, ldap.SCOPE_SUBTREE,
            "(&(objectCategory=person)(mail=%s))" % email,
            ["cn", "telephoneNumber", "department"],
        )
    finally:
        conn.unbind_s()
    people = []
    for dn, attrs in results:
        if dn:
            people.append({k: v[0].decode() for k, v in attrs.items()})
    return JsonResponse({"people": people})
