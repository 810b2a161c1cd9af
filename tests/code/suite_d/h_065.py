"""Back-office: one-time code for adding a new payee."""
import random

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from notifications.sms import send_sms

_sysrand = random.SystemRandom()


@login_required
@require_POST
def payee_otp(request):
    code = "%06d" % _sysrand.randrange(1_000_000)
    cache.set("payee-otp:%s" % request.user.pk, code, timeout=300)
    send_sms(request.user.profile.mobile, "Code to add a payee: %s" % code)
    return JsonResponse({"sent": True})
