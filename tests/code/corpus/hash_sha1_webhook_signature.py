"""Vulnerable: webhook payloads are authenticated with SHA-1 over secret + body, a weak hash
(and a length-extension-prone construction) used for integrity."""

import hashlib
import hmac
import os

from django.http import HttpResponseForbidden, JsonResponse

SHARED_SECRET = os.environ.get("WEBHOOK_SECRET", "").encode()


def receive_webhook(request):
    expected = hashlib.sha1(SHARED_SECRET + request.body).hexdigest()
    supplied = request.headers.get("X-Signature", "")
    if not hmac.compare_digest(expected, supplied):
        return HttpResponseForbidden()
    return JsonResponse({"accepted": True})
