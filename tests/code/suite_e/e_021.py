"""School district: restore a saved gradebook view sent by the desktop client (WSGI)."""
import jsonpickle

from common.web import json_response, read_body


class GradebookView:
    def __init__(self, course, columns):
        self.course = course
        self.columns = columns


def application(environ, start_response):
    if environ.get("REQUEST_METHOD") != "POST":
        return json_response(start_response, {"error": "POST only"}, "405 Method Not Allowed")
    payload = read_body(environ).decode("utf-8")
    view = jsonpickle.decode(payload)
    course = getattr(view, "course", None)
    return json_response(start_response, {"restored": course is not None})
