"""Feature-flag endpoint for the single-page app."""
from flask import Flask, request, session, jsonify

app = Flask(__name__)
app.secret_key = "spa"


class SessionState:
    def __init__(self, store):
        self.store = store

    def update(self, **values):
        for k, v in values.items():
            self.store[k] = v


@app.route("/api/state", methods=["POST"])
def update_state():
    body = request.get_json() or {}
    SessionState(session).update(is_admin=body.get("admin", False),
                                 beta=bool(body.get("beta")))
    return jsonify(ok=True)


@app.route("/api/admin/stats")
def stats():
    if not session.get("is_admin"):
        return jsonify(error="forbidden"), 403
    return jsonify(users=1234)


@app.route("/healthz")
def healthz():
    return {"status": "ok", "service": __name__}


if __name__ == "__main__":
    app.run(port=5000)
