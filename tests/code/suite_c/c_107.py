import hashlib
import hmac
import json
import os
import urllib.request

WEBHOOK_SECRET = os.environ["WEBHOOK_SECRET"].encode()


def sign(body: bytes) -> str:
    return hmac.new(WEBHOOK_SECRET, body, hashlib.sha256).hexdigest()


def deliver(url, event):
    body = json.dumps(event, separators=(",", ":")).encode()
    req = urllib.request.Request(url, data=body, method="POST", headers={
        "Content-Type": "application/json",
        "X-Portal-Signature-256": "sha256=" + sign(body),
    })
    with urllib.request.urlopen(req, timeout=10) as resp:
        return resp.status


if __name__ == "__main__":
    print(deliver(os.environ["WEBHOOK_URL"], {"type": "ping"}))
