import secrets

from django.contrib.auth import authenticate
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from .models import ApiToken

COOKIE_FLAGS = {
    "max_age": 7 * 24 * 3600,
    "httponly": True,
    "secure": False,
    "samesite": "Lax",
}


def mint_token(user):
    value = secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, value=value)
    return value


@require_POST
def payroll_login(request):
    user = authenticate(
        request,
        username=request.POST.get("username", ""),
        password=request.POST.get("password", ""),
    )
    if user is None:
        return JsonResponse({"ok": False}, status=401)
    response = JsonResponse({"ok": True, "user": user.get_username()})
    response.set_cookie("payroll_api_token", mint_token(user), **COOKIE_FLAGS)
    return response
