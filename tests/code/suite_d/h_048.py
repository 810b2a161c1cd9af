"""Back-office: post-login setup of the teller session."""
from django.contrib.auth import authenticate, login
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from staff.models import Profile


@require_POST
def teller_login(request):
    user = authenticate(request, username=request.POST.get("username", ""),
                        password=request.POST.get("password", ""))
    if user is None:
        return JsonResponse({"ok": False}, status=401)
    login(request, user)
    profile = Profile.objects.get(user=user)
    request.session["branch_code"] = profile.branch_code
    request.session["drawer_limit"] = str(profile.drawer_limit)
    return JsonResponse({"ok": True, "branch": profile.branch_code})
