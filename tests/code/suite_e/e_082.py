"""Water utility customer portal: issue API keys for smart-meter integrations."""
import random
import time

from flask import Flask, jsonify

from common.tokens import jitter, strong_token

app = Flask(__name__)

API_KEYS = {}


def _store_with_retry(key, owner, attempts=3):
    for attempt in range(attempts):
        try:
            API_KEYS[key] = owner
            return True
        except RuntimeError:
            time.sleep(jitter(0.2 * (attempt + 1)))
    return False


@app.post("/integrations/keys")
def create_key():
    key = "rw_" + strong_token(32)
    shard = random.randrange(16)
    ok = _store_with_retry(key, {"shard": shard})
    return jsonify(key=key, shard=shard, stored=ok), 201
