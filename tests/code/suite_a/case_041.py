import pickle


def read_body(environ):
    length = int(environ.get("CONTENT_LENGTH") or 0)
    return environ["wsgi.input"].read(length)


def application(environ, start_response):
    if environ.get("REQUEST_METHOD") != "POST":
        start_response("405 Method Not Allowed", [("Content-Type", "text/plain")])
        return [b"POST only"]
    job = pickle.loads(read_body(environ))
    queue_name = getattr(job, "queue", "default")
    start_response("202 Accepted", [("Content-Type", "text/plain")])
    return [("queued on %s" % queue_name).encode()]
