"""Feature flag overrides posted by QA as YAML."""
import os
import time
import yaml

from flask import Flask, request, jsonify

app = Flask(__name__)

FLAGS = {"new_checkout": False, "dark_mode": True, "beta_search": False}


def read_overrides(text):
    data = yaml.load(text, Loader=yaml.SafeLoader) or {}
    return {str(k): bool(v) for k, v in data.items() if k in FLAGS}


@app.route("/qa/flags", methods=["POST"])
def override_flags():
    overrides = read_overrides(request.form.get("yaml", ""))
    FLAGS.update(overrides)
    return jsonify(FLAGS)


STARTED_AT = time.time()
APP_VERSION = os.environ.get("APP_VERSION", "dev")


@app.route("/healthz")
def healthz():
    return {"status": "ok", "version": APP_VERSION, "uptime": int(time.time() - STARTED_AT)}
