import base64
import binascii

import tornado.web

from lib.services import DraftStore


class DraftRestoreHandler(tornado.web.RequestHandler):
    def initialize(self, store):
        self.store = store

    def post(self):
        try:
            blob = base64.b64decode(self.get_body_argument("draft"), validate=True)
        except binascii.Error:
            raise tornado.web.HTTPError(400)
        draft = self.store.restore(blob)
        self.write({"title": str(draft.get("title", "")), "restored": True})


def make_app():
    return tornado.web.Application([
        (r"/drafts/restore", DraftRestoreHandler, {"store": DraftStore()}),
    ])
