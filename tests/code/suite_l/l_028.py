import json

from argon2 import PasswordHasher
from argon2.exceptions import VerifyMismatchError
from django.contrib.auth.models import User
from django.http import HttpResponseBadRequest, JsonResponse
from django.views.decorators.http import require_POST

hasher = PasswordHasher(time_cost=3, memory_cost=64 * 1024, parallelism=2)


def read_body(request):
    try:
        return json.loads(request.body.decode("utf-8"))
    except ValueError:
        return None


@require_POST
def set_kiosk_pin(request, user_id):
    """Library self-checkout kiosks use a separate PIN per member."""
    body = read_body(request)
    if not body or "pin" not in body:
        return HttpResponseBadRequest("pin required")
    member = User.objects.get(pk=user_id)
    member.profile.kiosk_pin = hasher.hash(str(body["pin"]))
    member.profile.save(update_fields=["kiosk_pin"])
    return JsonResponse({"updated": True})


@require_POST
def check_kiosk_pin(request, user_id):
    body = read_body(request) or {}
    member = User.objects.get(pk=user_id)
    try:
        hasher.verify(member.profile.kiosk_pin, str(body.get("pin", "")))
    except VerifyMismatchError:
        return JsonResponse({"ok": False}, status=403)
    return JsonResponse({"ok": True})
