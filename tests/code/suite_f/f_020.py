"""Electric co-op member portal (Django): resume a rebate application from a signed token."""
import base64
import hashlib
import hmac
import json
import pickle

from django.conf import settings
from django.http import HttpResponseBadRequest, JsonResponse
from django.views import View


def _signature(payload):
    return hmac.new(settings.SECRET_KEY.encode(), payload, hashlib.sha256).hexdigest()


def unpack_draft(token):
    payload_b64, _, signature = token.rpartition(".")
    payload = base64.urlsafe_b64decode(payload_b64.encode())
    if not hmac.compare_digest(_signature(payload), signature):
        raise ValueError("bad signature")
    return pickle.loads(payload)


class RebateDraftView(View):
    def get(self, request):
        token = request.GET.get("draft", "")
        try:
            draft = unpack_draft(token)
        except (ValueError, TypeError):
            return HttpResponseBadRequest("draft link is invalid or expired")
        return JsonResponse({"draft": json.loads(json.dumps(draft, default=str))})
