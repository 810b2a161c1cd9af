"""Back-office: show a staff member's AD profile to the help desk."""
from django.contrib.auth.decorators import permission_required
from django.http import Http404, JsonResponse

from common.directory import ad


@permission_required("accounts.view_staff")
def staff_profile(request, username):
    entry = ad.find_user(username)
    if entry is None:
        raise Http404("no such user")
    groups = [g.split(",", 1)[0][3:] for g in entry.get("memberOf", [])]
    return JsonResponse({
        "dn": entry["dn"],
        "cn": entry.get("cn", [""])[0],
        "mail": entry.get("mail", [""])[0],
        "groups": groups,
    })
