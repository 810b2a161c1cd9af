import os

from flask import Flask, request, session, jsonify

app = Flask(__name__)
app.secret_key = os.environ["TIMETABLE_SECRET"]
app.config["SESSION_COOKIE_SECURE"] = True

PROFILE_KEYS = ("display_name", "role", "programme")


def copy_profile(payload, target):
    for key in PROFILE_KEYS:
        if key in payload:
            target[key] = payload[key]
    return target


@app.route("/api/profile", methods=["PUT"])
def update_profile():
    if "student_id" not in session:
        return jsonify(error="login required"), 401
    payload = request.get_json() or {}
    copy_profile(payload, session)
    return jsonify({k: session.get(k) for k in PROFILE_KEYS})


@app.route("/api/rooms/<room>/book", methods=["POST"])
def book_room(room):
    if session.get("role") not in ("lecturer", "admin"):
        return jsonify(error="only staff can book rooms"), 403
    from timetable.bookings import create_booking
    booking_id = create_booking(room, session["student_id"], request.form.get("slot", ""))
    return jsonify(booking=booking_id), 201


if __name__ == "__main__":
    app.run()
