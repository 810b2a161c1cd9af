"""Federal office: issue a session key for the document-signing client."""
import random

from django.http import JsonResponse

SIGNING_SESSIONS = {}


class SigningSession:
    key_bits = 128

    def __init__(self, employee_id):
        self.employee_id = employee_id
        self.key = "%032x" % random.getrandbits(self.key_bits)


def open_signing_session(request):
    if not request.user.is_authenticated:
        return JsonResponse({"error": "login required"}, status=401)
    s = SigningSession(request.user.pk)
    SIGNING_SESSIONS[s.key] = s
    return JsonResponse({"session_key": s.key})
