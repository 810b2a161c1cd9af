import hashlib
import os

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse

from accounts.models import PortalCredential


@login_required
def change_password(request):
    new_password = request.POST.get("new_password", "")
    if len(new_password) < 12:
        return JsonResponse({"error": "too short"}, status=400)
    salt = os.urandom(16)
    digest = hashlib.scrypt(new_password.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32)
    PortalCredential.objects.update_or_create(
        user=request.user, defaults={"salt": salt.hex(), "digest": digest.hex()})
    return JsonResponse({"changed": True})
