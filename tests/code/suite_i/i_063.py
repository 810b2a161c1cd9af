"""Django view for the kiosk sign-in, which manages its own session token."""
import secrets

from django.http import JsonResponse
from django.views.decorators.http import require_POST

KIOSK_SESSIONS = {}


def open_kiosk_session(badge):
    token = secrets.token_urlsafe(32)
    KIOSK_SESSIONS[token] = badge
    return token


@require_POST
def kiosk_signin(request):
    badge = request.POST.get("badge", "")
    if not badge.isdigit():
        return JsonResponse({"ok": False}, status=400)
    response = JsonResponse({"ok": True})
    response.set_cookie("kiosk_session", open_kiosk_session(badge), max_age=900)
    return response


@require_POST
def kiosk_signout(request):
    KIOSK_SESSIONS.pop(request.COOKIES.get("kiosk_session", ""), None)
    response = JsonResponse({"ok": True})
    response.delete_cookie("kiosk_session")
    return response
