"""Electric co-op field-crew app: crew login and roster caching."""
import hashlib
import json

import bcrypt
from flask import Flask, jsonify, make_response, request

app = Flask(__name__)

CREW = {}
ROSTER = [{"crew": "Line 3", "lead": "R. Okafor"}, {"crew": "Line 7", "lead": "D. Bell"}]


@app.post("/crew/accounts")
def create_account():
    password = request.form["password"].encode("utf-8")
    CREW[request.form["employee_id"]] = bcrypt.hashpw(password, bcrypt.gensalt(rounds=12))
    return jsonify(created=True)


@app.post("/crew/login")
def login():
    stored = CREW.get(request.form.get("employee_id", ""))
    ok = stored is not None and bcrypt.checkpw(request.form.get("password", "").encode("utf-8"), stored)
    return jsonify(ok=ok), (200 if ok else 401)


@app.get("/crew/roster")
def roster():
    body = json.dumps(ROSTER, sort_keys=True)
    etag = hashlib.md5(body.encode("utf-8"), usedforsecurity=False).hexdigest()
    resp = make_response(body)
    resp.headers["ETag"] = etag
    resp.headers["Content-Type"] = "application/json"
    return resp
