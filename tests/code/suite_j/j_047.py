"""Tornado handler streaming recorded call audio."""
import os
import uuid

import tornado.web

RECORDINGS_DIR = os.environ.get("RECORDINGS_DIR", "/srv/recordings")


def recording_path(recording_id: uuid.UUID) -> str:
    return os.path.join(RECORDINGS_DIR, recording_id.hex[:2], f"{recording_id}.ogg")


class RecordingHandler(tornado.web.RequestHandler):
    chunk_size = 64 * 1024

    def _parse_id(self, raw):
        try:
            return uuid.UUID(raw)
        except ValueError:
            raise tornado.web.HTTPError(400, "bad recording id")

    async def get(self, raw_id):
        recording_id = self._parse_id(raw_id)
        path = recording_path(recording_id)
        if not os.path.exists(path):
            raise tornado.web.HTTPError(404)
        self.set_header("Content-Type", "audio/ogg")
        with open(path, "rb") as fh:
            while True:
                chunk = fh.read(self.chunk_size)
                if not chunk:
                    break
                self.write(chunk)
                await self.flush()


def make_app():
    return tornado.web.Application([(r"/recordings/([^/]+)", RecordingHandler)])
