import base64
import binascii
import json

from django.http import JsonResponse
from django.views.decorators.http import require_http_methods

WIZARD_FIELD = "wizard_state"


def decode_state(blob):
    """The enrolment wizard keeps its progress in a hidden form field."""
    try:
        raw = base64.b64decode(blob.encode("ascii"), validate=True)
        state = json.loads(raw.decode("utf-8"))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return {}
    return state if isinstance(state, dict) else {}


def encode_state(state):
    return base64.b64encode(json.dumps(state).encode("utf-8")).decode("ascii")


@require_http_methods(["POST"])
def enrolment_step(request):
    state = decode_state(request.POST.get(WIZARD_FIELD, ""))
    step = int(state.get("step", 0)) if str(state.get("step", 0)).isdigit() else 0
    chosen = request.POST.getlist("course")
    state.setdefault("courses", [])
    state["courses"] = sorted(set(state["courses"]) | set(chosen))[:8]
    state["step"] = step + 1
    return JsonResponse({"next_step": state["step"], WIZARD_FIELD: encode_state(state)})
