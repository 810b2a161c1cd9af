import secrets

from django.core.cache import cache
from django.http import JsonResponse
from django.views.decorators.http import require_POST
from django.contrib.auth import authenticate

SSO_COOKIE = "timetable_sso"
SSO_TTL = 60 * 60 * 6


def _mint_sso_token(user):
    token = secrets.token_urlsafe(32)
    cache.set("sso:" + token, user.pk, SSO_TTL)
    return token


@require_POST
def sso_login(request):
    user = authenticate(
        request,
        username=request.POST.get("student_id", ""),
        password=request.POST.get("password", ""),
    )
    if user is None:
        return JsonResponse({"ok": False}, status=401)
    response = JsonResponse({"ok": True, "student": user.get_username()})
    response.set_cookie(SSO_COOKIE, _mint_sso_token(user), max_age=SSO_TTL, samesite="Lax")
    return response


def sso_check(request):
    token = request.COOKIES.get(SSO_COOKIE, "")
    user_id = cache.get("sso:" + token) if token else None
    return JsonResponse({"authenticated": user_id is not None})
