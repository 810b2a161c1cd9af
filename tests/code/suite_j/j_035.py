"""Django view listing the members of a mailing group from LDAP."""
import ldap
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse

GROUP_FILTER = "(&(objectClass=groupOfNames)(cn=%s))"


def _strip_wildcards(value):
    # wildcards let people enumerate every group, drop them
    return value.replace("*", "")


class GroupDirectory:
    def __init__(self, uri, base):
        self.uri = uri
        self.base = base

    def members(self, filterstr):
        conn = ldap.initialize(self.uri)
        try:
            conn.simple_bind_s(settings.LDAP_BIND_DN, settings.LDAP_BIND_PASSWORD)
            results = conn.search_s(self.base, ldap.SCOPE_SUBTREE, filterstr, ["member"])
        finally:
            conn.unbind_s()
        members = []
        for _dn, attrs in results:
            members.extend(m.decode() for m in attrs.get("member", []))
        return members


groups = GroupDirectory(settings.LDAP_URI, "ou=groups,dc=corp,dc=example")


@login_required
def group_members(request):
    group = _strip_wildcards(request.GET.get("group", ""))
    if not group:
        return JsonResponse({"members": []})
    return JsonResponse({"group": group, "members": groups.members(GROUP_FILTER % group)})
