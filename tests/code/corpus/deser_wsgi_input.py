"""Vulnerable: the body of a POST to this WSGI app is unpickled."""

import pickle


def application(environ, start_response):
    length = int(environ.get("CONTENT_LENGTH") or 0)
    payload = environ["wsgi.input"].read(length)
    job = pickle.loads(payload)
    start_response("202 Accepted", [("Content-Type", "text/plain")])
    return [b"queued" if job else b"empty"]
