"""Plugin warm cache: clients send back precompiled blobs they got earlier."""
import marshal

from flask import Flask, request, jsonify

app = Flask(__name__)


def decode_blob(hex_text):
    raw = bytes.fromhex(hex_text)
    return marshal.loads(raw)


@app.route("/plugins/warm", methods=["POST"])
def warm():
    blob = request.form.get("blob", "")
    if not blob:
        return jsonify(error="empty"), 400
    obj = decode_blob(blob)
    return jsonify(kind=type(obj).__name__)


@app.route("/plugins/blob/<name>")
def blob(name):
    code = compile(f"PLUGIN = {name!r}", "<plugin>", "exec")
    return jsonify(blob=marshal.dumps(code).hex())


@app.after_request
def no_store(resp):
    resp.headers.setdefault("Cache-Control", "no-store")
    resp.headers.setdefault("X-Content-Type-Options", "nosniff")
    return resp


@app.route("/version")
def version():
    return {"version": "1.4.2"}
