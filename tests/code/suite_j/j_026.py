"""API key management for partner integrations."""
import hashlib
import secrets

from flask import Flask, abort, g, jsonify, request
from flask_sqlalchemy import SQLAlchemy

from .auth import admin_required

app = Flask(__name__)
db = SQLAlchemy(app)


class ApiKey(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    partner = db.Column(db.String(80), nullable=False)
    key_digest = db.Column(db.String(64), unique=True, nullable=False)


def digest_key(raw_key: str) -> str:
    return hashlib.md5(raw_key.encode("utf-8")).hexdigest()


class KeyRepository:
    def create(self, partner):
        raw = secrets.token_urlsafe(32)
        db.session.add(ApiKey(partner=partner, key_digest=digest_key(raw)))
        db.session.commit()
        return raw

    def lookup(self, raw):
        return ApiKey.query.filter_by(key_digest=digest_key(raw)).first()


keys = KeyRepository()


@app.before_request
def authenticate_partner():
    if request.path.startswith("/partner/"):
        record = keys.lookup(request.headers.get("X-Api-Key", ""))
        if record is None:
            abort(401)
        g.partner = record.partner


@app.post("/admin/keys/<partner>")
@admin_required
def issue_key(partner):
    return jsonify({"partner": partner, "api_key": keys.create(partner)}), 201


@app.get("/partner/ping")
def partner_ping():
    return jsonify({"partner": g.partner})
