"""Back-office: register a teller workstation."""
import secrets

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from staff.models import Workstation


@login_required
@require_POST
def register_workstation(request):
    token = secrets.token_hex(32)
    Workstation.objects.create(user=request.user, token=token,
                               label=request.POST.get("label", "")[:64])
    response = JsonResponse({"registered": True})
    response.set_cookie("ws_token", token, max_age=90 * 86400, httponly=True, samesite="Strict")
    return response
