from django.contrib.auth import authenticate, login
from django.http import JsonResponse
from django.urls import path
from django.views.decorators.http import require_POST


@require_POST
def login_view(request):
    user = authenticate(
        request,
        username=request.POST.get("username", ""),
        password=request.POST.get("password", ""),
    )
    if user is None:
        return JsonResponse({"ok": False}, status=401)
    login(request, user)
    request.session["display_name"] = user.get_full_name() or user.get_username()
    request.session["org_id"] = user.profile.org_id
    return JsonResponse({"ok": True})


urlpatterns = [path("auth/login", login_view)]
