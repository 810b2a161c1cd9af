import random
import string

from django.contrib.auth import get_user_model
from django.http import JsonResponse

from accounts.models import ResetToken

ALPHABET = string.ascii_letters + string.digits
_sysrand = random.SystemRandom()


def request_reset(request):
    email = request.POST.get("email", "")
    user = get_user_model().objects.filter(email=email).first()
    if user is not None:
        token = "".join(_sysrand.choice(ALPHABET) for _ in range(40))
        ResetToken.objects.create(user=user, token=token)
    return JsonResponse({"queued": True})
