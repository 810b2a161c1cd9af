import hashlib
import hmac
import os

from django.contrib.auth.models import User
from django.http import JsonResponse
from django.views import View

from .models import PortalCredential

ITERATIONS = 600_000


def derive(password, salt=None):
    salt = salt or os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, ITERATIONS)
    return salt.hex(), digest.hex()


def verify(password, salt_hex, digest_hex):
    _, candidate = derive(password, bytes.fromhex(salt_hex))
    return hmac.compare_digest(candidate, digest_hex)


class ParentAccountView(View):
    """School portal: parents set a separate PIN-style password for the mobile app."""

    def post(self, request):
        if not request.user.is_authenticated:
            return JsonResponse({"error": "login required"}, status=401)
        password = request.POST.get("app_password", "")
        if len(password) < 10:
            return JsonResponse({"error": "password too short"}, status=400)
        salt, digest = derive(password)
        PortalCredential.objects.update_or_create(
            user=request.user, defaults={"salt": salt, "digest": digest}
        )
        return JsonResponse({"status": "saved"})


def check_app_password(user: User, password: str) -> bool:
    cred = PortalCredential.objects.filter(user=user).first()
    return bool(cred) and verify(password, cred.salt, cred.digest)
