"""Deduplicating document store: identical uploads are kept once."""
import os
import time
import hashlib

from flask import Flask, request, jsonify

app = Flask(__name__)

blobs = {}
names = {}


def content_key(data):
    return hashlib.sha1(data, usedforsecurity=False).hexdigest()


@app.route("/docs", methods=["POST"])
def upload():
    f = request.files["doc"]
    data = f.read()
    key = content_key(data)
    first = key not in blobs
    blobs.setdefault(key, data)
    names.setdefault(key, []).append(f.filename)
    return jsonify({"key": key, "deduplicated": not first})


@app.route("/docs/<key>/names")
def doc_names(key):
    return jsonify(names.get(key, []))


STARTED_AT = time.time()
APP_VERSION = os.environ.get("APP_VERSION", "dev")


@app.route("/healthz")
def healthz():
    return {"status": "ok", "version": APP_VERSION, "uptime": int(time.time() - STARTED_AT)}
