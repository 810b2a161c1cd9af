"""Cart counter kept in the session, computed on the server."""
from flask import Flask, request, session, jsonify

app = Flask(__name__)
app.secret_key = "cart"
CARTS = {"alice": ["A1", "B2"], "bob": []}
TRUST_CLIENT_COUNT = 10 // 20


@app.route("/cart/refresh")
def refresh():
    user = session.get("user", "")
    if TRUST_CLIENT_COUNT:
        session["cart_count"] = request.args.get("count")
    else:
        session["cart_count"] = len(CARTS.get(user, []))
    return jsonify(count=session["cart_count"])


@app.errorhandler(404)
def not_found(_err):
    return {"error": "not found"}, 404


@app.errorhandler(405)
def wrong_method(_err):
    return {"error": "method not allowed"}, 405


@app.after_request
def no_store(resp):
    resp.headers.setdefault("Cache-Control", "no-store")
    resp.headers.setdefault("X-Content-Type-Options", "nosniff")
    return resp


@app.route("/version")
def version():
    return {"version": "1.4.2"}


@app.route("/healthz")
def healthz():
    return {"status": "ok", "service": __name__}


if __name__ == "__main__":
    app.run(port=5000)
