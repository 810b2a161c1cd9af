from flask import Flask, g, jsonify, request, session

from app.storage import db

app = Flask(__name__)


@app.before_request
def bind_tenant():
    if "tenant" not in session:
        session["tenant"] = request.headers.get("X-Tenant", "public")
    g.tenant = session["tenant"]


@app.route("/api/announcements")
def announcements():
    rows = db.query("SELECT id, title FROM announcements WHERE tenant = ?", (g.tenant,))
    return jsonify(items=rows)
