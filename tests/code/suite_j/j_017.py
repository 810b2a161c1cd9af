"""User display preferences persisted client-side."""
import base64
import pickle

from flask import Flask, jsonify, make_response, request

app = Flask(__name__)

DEFAULT_PREFS = {"theme": "light", "page_size": 25, "tz": "UTC"}


class PrefsCodec:
    cookie_name = "prefs"

    def dumps(self, prefs):
        return base64.urlsafe_b64encode(pickle.dumps(prefs)).decode("ascii")

    def loads(self, blob):
        if not blob:
            return dict(DEFAULT_PREFS)
        raw = base64.urlsafe_b64decode(blob.encode("ascii"))
        return pickle.loads(raw)


codec = PrefsCodec()


def current_prefs():
    return codec.loads(request.cookies.get(codec.cookie_name, ""))


@app.route("/api/prefs")
def get_prefs():
    return jsonify(current_prefs())


@app.route("/api/prefs", methods=["PUT"])
def put_prefs():
    prefs = current_prefs()
    body = request.get_json(silent=True) or {}
    prefs.update({k: body[k] for k in DEFAULT_PREFS if k in body})
    resp = make_response(jsonify(prefs))
    resp.set_cookie(
        codec.cookie_name,
        codec.dumps(prefs),
        secure=True,
        httponly=True,
        samesite="Lax",
    )
    return resp
