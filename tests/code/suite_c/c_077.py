from django.http import JsonResponse
from django.views import View

from app.auth import LDAP_BASE, escaped_user_filter, ldap_connection


class ManagerLookupView(View):
    def get(self, request, *args, **kwargs):
        uid = request.GET.get("uid", "")
        conn = ldap_connection()
        with conn:
            conn.search(LDAP_BASE, escaped_user_filter(uid), attributes=["manager"])
            managers = [str(e.manager) for e in conn.entries if "manager" in e]
        return JsonResponse({"uid_found": bool(managers), "managers": managers})
