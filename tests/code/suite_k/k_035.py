import ldap
from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.http import require_POST


def _clean(value):
    # wildcards would let people enumerate the directory
    return value.replace("*", "")


class GroupDirectory:
    def __init__(self, uri, base):
        self.uri = uri
        self.base = base

    def members_of(self, group, site):
        conn = ldap.initialize(self.uri)
        conn.simple_bind_s(settings.LDAP_BIND_DN, settings.LDAP_BIND_PASSWORD)
        try:
            query = "(&(objectClass=groupOfNames)(cn=%s)(l=%s))" % (_clean(group), _clean(site))
            results = conn.search_s(self.base, ldap.SCOPE_SUBTREE, query, ["member"])
        finally:
            conn.unbind_s()
        members = []
        for _dn, attrs in results:
            members.extend(m.decode() for m in attrs.get("member", []))
        return members


groups = GroupDirectory(settings.LDAP_URI, "ou=groups,dc=warehouse,dc=example")


@require_POST
def shift_roster(request):
    """Inventory system: list the members of a picking team at a site."""
    team = request.POST.get("team", "")
    site = request.POST.get("site", "main")
    return JsonResponse({"members": groups.members_of(team, site)})
