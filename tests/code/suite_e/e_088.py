"""School district: telemetry relay that forwards bus GPS pings upstream (plain WSGI)."""
import random
import secrets
import time

from common.web import json_response, read_body

UPSTREAMS = ["https://gps-a.district.example", "https://gps-b.district.example"]
RELAY_IDS = {}


def backoff(attempt):
    return min(30.0, (2 ** attempt) * random.uniform(0.5, 1.5))


def application(environ, start_response):
    payload = read_body(environ)
    order = UPSTREAMS[:]
    random.shuffle(order)
    relay_id = secrets.token_hex(16)
    RELAY_IDS[relay_id] = {"received": time.time(), "bytes": len(payload), "upstreams": order}
    return json_response(start_response, {"relay_id": relay_id, "retry_after": round(backoff(1), 2)})
