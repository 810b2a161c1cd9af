import os

from flask import Flask, request, session, jsonify


class ClinicConfig:
    SECRET_KEY = os.environ.get("CLINIC_SECRET_KEY")
    SESSION_COOKIE_NAME = "clinic_sid"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SECURE = False
    SESSION_COOKIE_SAMESITE = "Lax"
    PERMANENT_SESSION_LIFETIME = 3600 * 10


app = Flask(__name__)
app.config.from_object(ClinicConfig)


@app.route("/reception/login", methods=["POST"])
def reception_login():
    from clinic.staff import authenticate
    staff = authenticate(request.form["username"], request.form["password"])
    if staff is None:
        return jsonify(ok=False), 401
    session["staff_id"] = staff.id
    session["can_view_records"] = staff.role in ("vet", "nurse")
    return jsonify(ok=True)


@app.route("/reception/today")
def today():
    if "staff_id" not in session:
        return jsonify(error="login required"), 401
    from clinic.appointments import for_today
    return jsonify(appointments=[a.as_dict() for a in for_today()])


if __name__ == "__main__":
    app.run()
