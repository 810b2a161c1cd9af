"""Transit agency: signed trip-planner state; only server-signed blobs are unpickled."""
import base64
import hashlib
import hmac
import os
import pickle

from flask import Flask, abort, jsonify, request

app = Flask(__name__)
SIGNING_KEY = os.environ["PLANNER_SIGNING_KEY"].encode()


def sign(data):
    return hmac.new(SIGNING_KEY, data, hashlib.sha256).hexdigest()


@app.route("/planner/restore", methods=["POST"])
def restore_plan():
    blob = base64.b64decode(request.form["state"])
    signature = request.form.get("sig", "")
    if not hmac.compare_digest(sign(blob), signature):
        abort(403)
    plan = pickle.loads(blob)
    return jsonify({"legs": len(plan)})
