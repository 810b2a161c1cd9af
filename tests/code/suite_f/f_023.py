"""Electric co-op: smart-thermostat program enrollment relay (WSGI)."""
import base64
import io
import pickle

PENDING = []


def enqueue(environ):
    length = int(environ.get("CONTENT_LENGTH") or 0)
    encoded = environ["wsgi.input"].read(length)
    PENDING.append(base64.b64decode(encoded))


def process_pending():
    results = []
    while PENDING:
        data = PENDING.pop(0)
        enrollment = pickle.Unpickler(io.BytesIO(data)).load()
        results.append(enrollment.get("premise"))
    return results


def application(environ, start_response):
    if environ.get("REQUEST_METHOD") != "POST":
        start_response("405 Method Not Allowed", [("Allow", "POST")])
        return [b""]
    enqueue(environ)
    premises = process_pending()
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [", ".join(str(p) for p in premises).encode()]
