import hashlib
import hmac

from django.http import JsonResponse

from util.db import find_user


class LegacyAuthenticator:
    def __init__(self, salt):
        self.salt = salt

    def digest(self, password):
        return hashlib.sha1((self.salt + password).encode()).hexdigest()

    def verify(self, password, stored):
        return hmac.compare_digest(self.digest(password), stored)


def legacy_login(request):
    rows = find_user(request.POST.get("username", ""))
    auth = LegacyAuthenticator(salt="x9-legacy")
    ok = bool(rows) and auth.verify(request.POST.get("password", ""), rows[0]["pw_hash"])
    return JsonResponse({"ok": ok}, status=200 if ok else 401)
