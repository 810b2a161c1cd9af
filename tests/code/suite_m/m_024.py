import base64
import hashlib
import hmac
import os
import pickle
import zlib

from flask import Blueprint, request, jsonify, current_app

resume_bp = Blueprint("resume", __name__)

SIGNING_KEY = os.environ.get("VPN_PORTAL_KEY", "").encode()


def unpack_state(token):
    compressed = base64.urlsafe_b64decode(token.encode())
    return pickle.loads(zlib.decompress(compressed))


def signature_for(token):
    return hmac.new(SIGNING_KEY, token.encode(), hashlib.sha256).hexdigest()


@resume_bp.route("/vpn/wizard/resume")
def resume_wizard():
    token = request.args.get("state", "")
    sig = request.args.get("sig", "")
    if not hmac.compare_digest(signature_for(token), sig):
        current_app.logger.warning("wizard state signature mismatch")

    state = unpack_state(token)
    return jsonify(
        step=state.get("step", 1),
        device=state.get("device_type"),
        protocol=state.get("protocol", "wireguard"),
    )
