import tornado.web

from lib.validators import ValidationError, resolve_under


class LogTailHandler(tornado.web.RequestHandler):
    LOG_ROOT = "/var/log/app"

    def get(self):
        try:
            path = resolve_under(self.LOG_ROOT, self.get_argument("file"))
        except ValidationError:
            raise tornado.web.HTTPError(400)
        lines = max(1, min(int(self.get_argument("lines", "50")), 500))
        try:
            with open(path, encoding="utf-8", errors="replace") as fh:
                tail = fh.readlines()[-lines:]
        except OSError:
            raise tornado.web.HTTPError(404)
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.write("".join(tail))


def make_app():
    return tornado.web.Application([(r"/logs/tail", LogTailHandler)])
