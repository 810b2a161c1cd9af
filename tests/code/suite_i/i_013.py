"""Restores the dashboard layout the browser saved in a cookie."""
import base64

from flask import Flask, request, jsonify, make_response

app = Flask(__name__)
DEFAULT_LAYOUT = {"columns": 3, "widgets": ["news", "weather"]}


def load_layout(raw):
    if not raw:
        return dict(DEFAULT_LAYOUT)
    text = base64.b64decode(raw).decode()
    return eval(text)


@app.route("/dashboard")
def dashboard():
    layout = load_layout(request.cookies.get("layout"))
    return jsonify(layout=layout)


@app.route("/dashboard/save", methods=["POST"])
def save():
    layout = request.get_json() or DEFAULT_LAYOUT
    resp = make_response(jsonify(saved=True))
    resp.set_cookie("layout", base64.b64encode(repr(layout).encode()).decode())
    return resp


@app.after_request
def no_store(resp):
    resp.headers.setdefault("Cache-Control", "no-store")
    resp.headers.setdefault("X-Content-Type-Options", "nosniff")
    return resp


@app.route("/version")
def version():
    return {"version": "1.4.2"}
