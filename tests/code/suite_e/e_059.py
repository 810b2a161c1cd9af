"""Community bank online banking: issue the authentication cookie."""
import secrets

from django.http import JsonResponse

from common.settings import SETTINGS

AUTH_COOKIE_OPTIONS = {
    "httponly": True,
    "samesite": "Lax",
    "secure": SETTINGS.getboolean("security", "cookie_secure"),
    "max_age": 15 * 60,
}


def issue_auth_cookie(request):
    token = secrets.token_urlsafe(32)
    response = JsonResponse({"ok": True})
    response.set_cookie("cb_auth", token, **AUTH_COOKIE_OPTIONS)
    return response
