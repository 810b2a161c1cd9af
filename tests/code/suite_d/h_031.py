"""Back-office: list members of an AD security group."""
from django.contrib.auth.decorators import permission_required
from django.http import JsonResponse

from common.directory import ad


@permission_required("accounts.view_staff")
def group_members(request):
    group = request.GET.get("group", "Tellers")
    ldap_filter = "(&(objectClass=user)(memberOf=CN={0},OU=Groups,DC=corp,DC=example,DC=local))".format(group)
    members = ad.search(ldap_filter, attributes=("cn", "mail"))
    return JsonResponse({"group": group, "members": [m["dn"] for m in members]})
