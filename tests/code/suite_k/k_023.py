import base64
import pickle

import tornado.web


class StateCodec:
    """Encodes the search state of the booking funnel between steps."""

    def __init__(self, backend=pickle, header="X-Resume-State"):
        self.backend = backend
        self.header = header

    def dumps(self, state):
        return base64.b64encode(self.backend.dumps(state)).decode()

    def loads(self, token):
        return self.backend.loads(base64.b64decode(token))


class ResumeSearchHandler(tornado.web.RequestHandler):
    def initialize(self, codec):
        self.codec = codec

    def get(self):
        token = self.request.headers.get(self.codec.header)
        state = self.codec.loads(token) if token else {"step": "dates"}
        self.finish({"step": state.get("step", "dates"),
                     "guests": int(state.get("guests", 1))})


def make_app():
    codec = StateCodec()
    return tornado.web.Application([
        (r"/search/resume", ResumeSearchHandler, {"codec": codec}),
    ])
