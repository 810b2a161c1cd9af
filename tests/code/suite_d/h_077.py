"""Back-office: find staff by surname and branch."""
import ldap
import ldap.filter
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse

BASE_DN = "OU=Staff,DC=corp,DC=firstcommunity,DC=local"


@login_required
def staff_search(request):
    surname = request.GET.get("surname", "")
    branch = request.GET.get("branch", "")
    flt = ldap.filter.filter_format("(&(objectCategory=person)(sn=%s)(physicalDeliveryOfficeName=%s))",
                                    [surname, branch])
    conn = ldap.initialize(settings.AD_URI)
    conn.simple_bind_s(settings.AD_SERVICE_DN, settings.AD_SERVICE_PASSWORD)
    try:
        results = conn.search_s(BASE_DN, ldap.SCOPE_SUBTREE, flt, ["cn", "mail"])
    finally:
        conn.unbind_s()
    return JsonResponse({"matches": [dn for dn, _ in results if dn]})
