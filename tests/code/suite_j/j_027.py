"""Django views for a small self-hosted account store."""
import hashlib
import hmac
import os

from django.http import HttpResponseBadRequest, JsonResponse
from django.views.decorators.http import require_POST

from .models import LocalAccount

ITERATIONS = 600_000


def hash_password(password: str, salt: bytes = None) -> str:
    salt = salt or os.urandom(16)
    dk = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, ITERATIONS)
    return f"pbkdf2_sha256${ITERATIONS}${salt.hex()}${dk.hex()}"


def verify_password(password: str, stored: str) -> bool:
    _, iterations, salt_hex, dk_hex = stored.split("$")
    dk = hashlib.pbkdf2_hmac("sha256", password.encode(), bytes.fromhex(salt_hex), int(iterations))
    return hmac.compare_digest(dk.hex(), dk_hex)


@require_POST
def register(request):
    username = request.POST.get("username", "").strip()
    password = request.POST.get("password", "")
    if not username or len(password) < 12:
        return HttpResponseBadRequest("weak credentials")
    LocalAccount.objects.create(username=username, password_hash=hash_password(password))
    return JsonResponse({"created": username}, status=201)


@require_POST
def check_login(request):
    account = LocalAccount.objects.filter(username=request.POST.get("username", "")).first()
    ok = account is not None and verify_password(request.POST.get("password", ""), account.password_hash)
    return JsonResponse({"ok": ok}, status=200 if ok else 401)
