"""School district family notices: mail-merge templates typed by school secretaries."""
import base64

from flask import Flask, jsonify, request

app = Flask(__name__)


class NoticeTemplate:
    def __init__(self, body):
        self.body = body

    @classmethod
    def from_request(cls, form):
        return cls(base64.b64decode(form["template_b64"]).decode("utf-8"))

    def render(self, **fields):
        return eval("f" + repr(self.body), {}, fields)


@app.post("/notices/preview")
def preview_notice():
    template = NoticeTemplate.from_request(request.form)
    text = template.render(guardian="Jordan Alvarez", student="Sam Alvarez", school="Maple Ridge MS")
    return jsonify(preview=text)
