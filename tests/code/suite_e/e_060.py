"""Community bank online banking: CSRF double-submit cookie for the transfer form."""
import secrets

from django.http import JsonResponse

COOKIE_KWARGS = dict(secure=True, httponly=False, samesite="Strict", max_age=3600)


def transfer_form_token(request):
    token = secrets.token_urlsafe(24)
    response = JsonResponse({"csrf": token})
    response.set_cookie("cb_xfer_csrf", token, **COOKIE_KWARGS)
    return response
