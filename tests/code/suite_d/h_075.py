"""Patient portal: multi-step intake form, state kept client-side."""
import base64
import os
import pickle

from flask import Flask, jsonify, make_response, request

app = Flask(__name__)
app.secret_key = os.environ["PORTAL_SECRET_KEY"]
INTAKE_FIELDS = {"allergies", "medications", "pharmacy", "emergency_contact"}


@app.route("/intake/step/<int:step>", methods=["GET", "POST"])
def intake_step(step):
    state = {}
    blob = request.cookies.get("intake_state")
    if blob:
        try:
            state = pickle.loads(base64.urlsafe_b64decode(blob))
        except Exception:
            state = {}
    if request.method == "POST":
        state.update({k: v for k, v in request.form.items() if k in INTAKE_FIELDS})
    resp = make_response(jsonify({"step": step, "completed": sorted(state)}))
    encoded = base64.urlsafe_b64encode(pickle.dumps(state)).decode()
    resp.set_cookie("intake_state", encoded, secure=True, httponly=True, samesite="Lax")
    return resp
