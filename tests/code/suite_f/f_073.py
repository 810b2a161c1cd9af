"""County court e-filing: filer profile wizard (step 2 keeps choices in the session)."""
from flask import Flask, jsonify, request, session

app = Flask(__name__)
app.config.update(SECRET_KEY=b"set-from-vault", SESSION_COOKIE_SECURE=True)

PROFILE_FIELDS = ["display_name", "firm", "filer_role", "default_court"]


class SessionProfile:
    def __init__(self, store):
        self.store = store

    def update(self, submitted):
        for key in PROFILE_FIELDS:
            if key in submitted:
                self.store[key] = submitted[key]
        return {k: self.store.get(k) for k in PROFILE_FIELDS}


@app.post("/efile/profile")
def save_profile():
    profile = SessionProfile(session).update(request.form)
    return jsonify(profile=profile)


@app.post("/efile/sealed/<docket>")
def file_sealed(docket):
    if session.get("filer_role") != "attorney_of_record":
        return jsonify(error="only attorneys of record may file sealed documents"), 403
    return jsonify(accepted=docket)
