import base64

import yaml
from flask import Flask, request, jsonify, make_response

app = Flask(__name__)

PREFS_COOKIE = "club_prefs"
YAML_OPTIONS = {"Loader": yaml.Loader}
DEFAULT_PREFS = {"newsletter": True, "sport": "tennis", "court_alerts": False}


def load_prefs(cookie_value):
    if not cookie_value:
        return dict(DEFAULT_PREFS)
    text = base64.b64decode(cookie_value).decode("utf-8")
    prefs = yaml.load(text, **YAML_OPTIONS)
    merged = dict(DEFAULT_PREFS)
    merged.update(prefs or {})
    return merged


def dump_prefs(prefs):
    return base64.b64encode(yaml.safe_dump(prefs).encode()).decode()


@app.route("/members/preferences")
def show_prefs():
    prefs = load_prefs(request.cookies.get(PREFS_COOKIE))
    return jsonify(prefs)


@app.route("/members/preferences", methods=["POST"])
def save_prefs():
    prefs = load_prefs(request.cookies.get(PREFS_COOKIE))
    prefs["sport"] = "padel" if request.form.get("padel") else prefs["sport"]
    resp = make_response(jsonify(prefs))
    resp.set_cookie(PREFS_COOKIE, dump_prefs(prefs), secure=True, httponly=True)
    return resp


if __name__ == "__main__":
    app.run()
