"""Back-office: remember the cash-drawer workstation."""
import secrets

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from staff.models import Workstation


@login_required
@require_POST
def remember_drawer(request):
    token = secrets.token_urlsafe(32)
    Workstation.objects.update_or_create(user=request.user, defaults={"token": token})
    response = JsonResponse({"ok": True})
    response.set_cookie("drawer_ws", token, max_age=30 * 86400, secure=True, httponly=True, samesite="Strict")
    return response
