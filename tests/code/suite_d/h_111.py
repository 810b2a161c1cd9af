"""Back-office: send a one-time passcode to confirm a large wire."""
import random

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from notifications.sms import send_sms


@login_required
@require_POST
def send_wire_otp(request, wire_id):
    code = str(random.randint(100000, 999999))
    cache.set("wire-otp:%s:%d" % (request.user.pk, int(wire_id)), code, timeout=300)
    send_sms(request.user.profile.mobile, "Your wire confirmation code is %s" % code)
    return JsonResponse({"sent": True})
