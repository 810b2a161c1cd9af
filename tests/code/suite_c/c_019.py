import hashlib
import json
import os
import urllib.request

WEBHOOK_SECRET = os.environ["WEBHOOK_SECRET"]


def sign(body: bytes) -> str:
    return hashlib.md5(WEBHOOK_SECRET.encode() + body).hexdigest()


def deliver(url, event):
    body = json.dumps(event, separators=(",", ":")).encode()
    req = urllib.request.Request(url, data=body, method="POST", headers={
        "Content-Type": "application/json",
        "X-Portal-Signature": sign(body),
    })
    with urllib.request.urlopen(req, timeout=10) as resp:
        return resp.status


if __name__ == "__main__":
    print(deliver(os.environ["WEBHOOK_URL"], {"type": "ping"}))
