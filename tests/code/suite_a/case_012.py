import random
import string

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse

_sysrand = random.SystemRandom()
INVITES = {}


@login_required
def create_invite(request):
    alphabet = string.ascii_uppercase + string.digits
    code = "".join(_sysrand.choice(alphabet) for _ in range(12))
    INVITES[code] = request.user.pk
    return JsonResponse({"invite": code})
