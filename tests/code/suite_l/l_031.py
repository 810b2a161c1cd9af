import hashlib

from flask import Flask, jsonify, request

app = Flask(__name__)

EXPERIMENTS = {
    "new-checkout": {"buckets": 100, "rollout": 20},
    "dark-mode": {"buckets": 100, "rollout": 50},
}


def bucket(user_id: str, experiment: str, buckets: int) -> int:
    """Stable bucketing so a user always lands in the same variant."""
    key = f"{experiment}:{user_id}".encode()
    return int(hashlib.md5(key).hexdigest()[:8], 16) % buckets


def variants_for(user_id: str) -> dict:
    result = {}
    for name, cfg in EXPERIMENTS.items():
        b = bucket(user_id, name, cfg["buckets"])
        result[name] = "treatment" if b < cfg["rollout"] else "control"
    return result


@app.route("/flags")
def flags():
    user_id = request.args.get("uid", "anonymous")
    return jsonify({"uid": user_id, "variants": variants_for(user_id)})


@app.route("/flags/<experiment>")
def single_flag(experiment):
    cfg = EXPERIMENTS.get(experiment)
    if cfg is None:
        return jsonify({"error": "unknown experiment"}), 404
    user_id = request.args.get("uid", "anonymous")
    return jsonify({"variant": variants_for(user_id)[experiment]})
