"""Electric co-op employee portal (Django): look up a colleague by e-mail."""
import re

import ldap
from django.http import HttpResponseBadRequest, JsonResponse
from django.views import View

EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
BASE_DN = "ou=employees,dc=hvec,dc=example"


class ColleagueLookupView(View):
    def get_connection(self):
        conn = ldap.initialize("ldaps://ldap.hvec.example")
        conn.simple_bind_s()
        return conn

    def get(self, request):
        email = request.GET.get("email", "")
        if not EMAIL_RE.match(email):
            return HttpResponseBadRequest("enter an e-mail address")
        search = "(&(objectClass=inetOrgPerson)(mail={}))".format(email)
        results = self.get_connection().search_s(BASE_DN, ldap.SCOPE_SUBTREE, search, ["cn", "title"])
        people = [{"dn": dn, "cn": attrs.get("cn", [b""])[0].decode()} for dn, attrs in results]
        return JsonResponse({"people": people})
