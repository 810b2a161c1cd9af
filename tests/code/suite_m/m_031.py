import hashlib
import os

from flask import Flask, request, jsonify, abort, session

app = Flask(__name__)
app.secret_key = os.environ["FLASK_SECRET_KEY"]
app.config["SESSION_COOKIE_SECURE"] = True

LINK_SECRET = os.environ["TIMETABLE_LINK_SECRET"]


def sign(room, term):
    return hashlib.md5((LINK_SECRET + room + term).encode()).hexdigest()


def share_link(room, term):
    return "/shared/%s/%s?sig=%s" % (room, term, sign(room, term))


@app.route("/rooms/<room>/<term>/share", methods=["POST"])
def create_share(room, term):
    if "staff_id" not in session:
        abort(401)
    return jsonify(link=share_link(room, term))


@app.route("/shared/<room>/<term>")
def open_share(room, term):
    given = request.args.get("sig", "")
    if given != sign(room, term):
        abort(403)
    return jsonify(room=room, term=term, bookings=load_bookings(room, term))


def load_bookings(room, term):
    return [{"room": room, "term": term, "slot": "Mon 09:00", "module": "MA101"}]


if __name__ == "__main__":
    app.run()
