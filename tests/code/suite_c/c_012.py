import random
import string

from django.contrib.auth import get_user_model
from django.http import JsonResponse

from accounts.models import ResetToken

ALPHABET = string.ascii_letters + string.digits


def request_reset(request):
    email = request.POST.get("email", "")
    user = get_user_model().objects.filter(email=email).first()
    if user is not None:
        token = "".join(random.choice(ALPHABET) for _ in range(32))
        ResetToken.objects.create(user=user, token=token)
    return JsonResponse({"queued": True})
