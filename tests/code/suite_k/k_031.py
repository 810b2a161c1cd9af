"""Member accounts and cached availability search for the booking site."""
import hashlib
import json

import bcrypt
from flask import Flask, jsonify, request

from .cache import cache
from .models import Member, db, search_availability

app = Flask(__name__)


def cache_key(params: dict) -> str:
    canonical = json.dumps(params, sort_keys=True, separators=(",", ":"))
    return "avail:" + hashlib.sha256(canonical.encode()).hexdigest()


@app.post("/members")
def create_member():
    data = request.get_json(force=True)
    password = data.get("password", "")
    if len(password) < 10:
        return jsonify(error="password too short"), 400
    hashed = bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(rounds=12))
    member = Member(email=data["email"].lower(), password_hash=hashed.decode())
    db.session.add(member)
    db.session.commit()
    return jsonify(id=member.id), 201


@app.post("/members/login")
def login():
    data = request.get_json(force=True)
    member = Member.query.filter_by(email=str(data.get("email", "")).lower()).first()
    supplied = str(data.get("password", "")).encode("utf-8")
    if member is None or not bcrypt.checkpw(supplied, member.password_hash.encode()):
        return jsonify(error="invalid credentials"), 401
    return jsonify(id=member.id)


@app.get("/availability")
def availability():
    params = {k: request.args.get(k) for k in ("city", "from", "to", "guests")}
    key = cache_key(params)
    hit = cache.get(key)
    if hit is None:
        hit = search_availability(**params)
        cache.set(key, hit, timeout=120)
    return jsonify(hit)
