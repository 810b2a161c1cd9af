import secrets

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse

COOKIE_OPTS = {"secure": True, "httponly": True, "samesite": "Strict", "max_age": 900}
STEP_UP = {}


@login_required
def step_up(request):
    ticket = secrets.token_urlsafe(32)
    STEP_UP[ticket] = request.user.pk
    response = JsonResponse({"step_up": "ok"})
    response.set_cookie("step_up_ticket", ticket, **COOKIE_OPTS)
    return response
