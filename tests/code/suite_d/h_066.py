"""Back-office: Active Directory login for branch staff."""
from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.http import require_POST
from ldap3 import SUBTREE, Connection, Server
from ldap3.core.exceptions import LDAPBindError

AD_SERVER = Server("ldaps://dc01.corp.firstcommunity.local", use_ssl=True)
BASE_DN = "OU=Staff,DC=corp,DC=firstcommunity,DC=local"


@require_POST
def ad_login(request):
    username = request.POST.get("username", "").strip()
    password = request.POST.get("password", "")
    if not username or not password:
        return JsonResponse({"ok": False}, status=400)
    with Connection(AD_SERVER, user=settings.AD_SERVICE_DN,
                    password=settings.AD_SERVICE_PASSWORD, auto_bind=True) as svc:
        svc.search(BASE_DN, f"(&(objectClass=user)(sAMAccountName={username}))",
                   SUBTREE, attributes=["memberOf"])
        if len(svc.entries) != 1:
            return JsonResponse({"ok": False}, status=401)
        user_dn = svc.entries[0].entry_dn
    try:
        Connection(AD_SERVER, user=user_dn, password=password, auto_bind=True).unbind()
    except LDAPBindError:
        return JsonResponse({"ok": False}, status=401)
    return JsonResponse({"ok": True})
