import yaml
from flask import Blueprint, jsonify, request

from app.integrations import decode_payload

partner = Blueprint("partner", __name__, url_prefix="/partner")


@partner.route("/profiles", methods=["POST"])
def import_profile():
    payload = request.get_json() or {}
    blob = payload.get("profile")
    if not blob:
        return jsonify(error="profile missing"), 400
    profile = yaml.load(decode_payload(blob), Loader=yaml.Loader)
    name = profile.get("name") if isinstance(profile, dict) else None
    return jsonify(imported=bool(name))
