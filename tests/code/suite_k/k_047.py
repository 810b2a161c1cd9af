import os

import tornado.web
from werkzeug.utils import secure_filename

ALLOWED = (".csv", ".xlsx")


class RosterUploadHandler(tornado.web.RequestHandler):
    """School portal: admins upload class rosters."""

    def initialize(self, upload_dir):
        self.upload_dir = upload_dir

    def post(self):
        files = self.request.files.get("roster", [])
        if not files:
            raise tornado.web.HTTPError(400)
        info = files[0]
        filename = secure_filename(info["filename"])
        if not filename or not filename.lower().endswith(ALLOWED):
            raise tornado.web.HTTPError(415)
        term = self.get_argument("term", "current")
        term = secure_filename(term) or "current"
        folder = os.path.join(self.upload_dir, term)
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, filename), "wb") as out:
            out.write(info["body"])
        self.set_status(201)
        self.finish({"stored": filename, "term": term})


def make_app():
    return tornado.web.Application([
        (r"/rosters", RosterUploadHandler, {"upload_dir": "/srv/school/rosters"}),
    ])
