"""Tornado handler letting analysts upload trained scoring models."""
import io
import logging

import joblib
import tornado.web

log = logging.getLogger(__name__)

MODELS = {}


class ModelUploadHandler(tornado.web.RequestHandler):
    max_size = 20 * 1024 * 1024

    def _read_upload(self):
        files = self.request.files.get("model") or []
        if not files:
            raise tornado.web.HTTPError(400, "model file missing")
        upload = files[0]
        if len(upload["body"]) > self.max_size:
            raise tornado.web.HTTPError(413)
        return upload["filename"], upload["body"]

    def post(self, name):
        filename, body = self._read_upload()
        with io.BytesIO(body) as buffer:
            model = joblib.load(buffer)
        if not hasattr(model, "predict"):
            raise tornado.web.HTTPError(422, "not a model")
        MODELS[name] = model
        log.info("registered model %s from %s", name, filename)
        self.write({"name": name, "type": type(model).__name__})


def make_app():
    return tornado.web.Application([(r"/models/([a-z0-9_-]+)", ModelUploadHandler)])
