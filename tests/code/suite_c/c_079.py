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
    salt = os.urandom(8).hex()
    h = hashlib.new("sha1")
    h.update((salt + new_password).encode())
    PortalCredential.objects.update_or_create(
        user=request.user, defaults={"salt": salt, "digest": h.hexdigest()})
    return JsonResponse({"changed": True})
