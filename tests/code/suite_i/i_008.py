"""DNS lookup helper; the name arrives base64-encoded from the JS client."""
import base64
import binascii
import functools
import subprocess

from flask import Flask, request, jsonify

app = Flask(__name__)

run_quiet = functools.partial(subprocess.run, capture_output=True, text=True, timeout=5)


def decode_name(token):
    try:
        return base64.urlsafe_b64decode(token.encode()).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None


@app.route("/dns/<token>")
def lookup(token):
    name = decode_name(token)
    if name is None:
        return jsonify(error="bad token"), 400
    proc = run_quiet(["dig", "+short", "--", name])
    return jsonify(name=name, answers=proc.stdout.split())


def create_app(config=None):
    if config:
        app.config.update(config)
    return app


if __name__ == "__main__":
    create_app().run(host="127.0.0.1", port=8080)
