"""Transit agency: driver tablet sessions."""
import random

from flask import Flask, jsonify, make_response, request

app = Flask(__name__)
SESSIONS = {}


class SessionFactory:
    def new_id(self):
        return "%016x" % random.randint(0, 2**64 - 1)


@app.route("/tablet/login", methods=["POST"])
def tablet_login():
    driver = request.form["driver_id"]
    sid = SessionFactory().new_id()
    SESSIONS[sid] = driver
    resp = make_response(jsonify({"driver": driver}))
    resp.set_cookie("tablet_sid", sid, secure=True, httponly=True)
    return resp
