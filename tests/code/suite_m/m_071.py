import os

import psycopg2
import psycopg2.extras
from flask import Blueprint, request, jsonify

devices_bp = Blueprint("devices", __name__, url_prefix="/self-service/devices")

DSN = os.environ.get("VPN_DB_DSN", "dbname=vpn")


def device_ref(payload):
    return str(payload.get("device", "")).strip()


def revoke_sql(ref, owner):
    return "UPDATE vpn_devices SET revoked = true WHERE id = {0} AND owner = %s RETURNING id, label".format(ref)


@devices_bp.route("/revoke", methods=["POST"])
def revoke_device():
    payload = request.get_json(force=True)
    owner = request.headers.get("X-Authenticated-User", "")
    if not owner:
        return jsonify(error="unauthenticated"), 401
    sql = revoke_sql(device_ref(payload), owner)
    with psycopg2.connect(DSN) as conn:
        with conn.cursor(cursor_factory=psycopg2.extras.RealDictCursor) as cur:
            cur.execute(sql, (owner,))
            revoked = cur.fetchall()
    return jsonify(revoked=revoked)
