import secrets

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse

TRUSTED_DEVICES = {}


@login_required
def remember_device(request):
    device_id = secrets.token_hex(16)
    TRUSTED_DEVICES[device_id] = request.user.pk
    response = JsonResponse({"remembered": True})
    response.set_cookie(
        "trusted_device", device_id, max_age=30 * 24 * 3600, secure=False, httponly=True
    )
    return response
