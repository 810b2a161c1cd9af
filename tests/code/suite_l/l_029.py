import hashlib
import hmac
import os
import secrets
from functools import wraps

from flask import Blueprint, Flask, g, jsonify, request

api = Blueprint("api", __name__, url_prefix="/api/v1")

# key digest -> owner; populated from the admin console
API_KEYS = {}


def fingerprint(key: str) -> str:
    return hashlib.md5(key.encode("utf-8")).hexdigest()


def issue_key(owner: str) -> str:
    key = secrets.token_hex(20)
    API_KEYS[fingerprint(key)] = owner
    return key


def require_key(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        supplied = request.headers.get("X-Api-Key", "")
        owner = API_KEYS.get(fingerprint(supplied))
        if owner is None:
            return jsonify({"error": "invalid api key"}), 401
        g.owner = owner
        return view(*args, **kwargs)

    return wrapper


@api.route("/keys", methods=["POST"])
def create_key():
    admin = request.headers.get("X-Admin-Token", "")
    if not hmac.compare_digest(admin, os.environ.get("ADMIN_TOKEN", "")) or not admin:
        return jsonify({"error": "forbidden"}), 403
    owner = request.get_json()["owner"]
    return jsonify({"owner": owner, "key": issue_key(owner)}), 201


@api.route("/builds")
@require_key
def builds():
    return jsonify({"owner": g.owner, "builds": []})


def create_app():
    app = Flask(__name__)
    app.register_blueprint(api)
    return app
