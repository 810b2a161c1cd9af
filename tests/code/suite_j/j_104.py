"""Tornado handler showing a flash message after form submissions."""
import tornado.escape
import tornado.web


class FlashHandler(tornado.web.RequestHandler):
    LEVELS = {"info", "warning", "error"}

    def get(self):
        level = self.get_argument("level", "info")
        message = self.get_argument("msg", "")
        safe_level = tornado.escape.xhtml_escape(level) if level in self.LEVELS else "info"
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.write(self.render_flash(safe_level, message))

    @staticmethod
    def render_flash(level, message):
        return '<div class="flash flash-' + level + '">' + message + "</div>"


class FlashApiHandler(tornado.web.RequestHandler):
    def get(self):
        level = self.get_argument("level", "info")
        if level not in FlashHandler.LEVELS:
            level = "info"
        self.write({"level": level, "message": self.get_argument("msg", "")})


class HealthHandler(tornado.web.RequestHandler):
    def get(self):
        self.write({"ok": True})


def make_app():
    return tornado.web.Application(
        [(r"/flash", FlashHandler), (r"/api/flash", FlashApiHandler), (r"/healthz", HealthHandler)]
    )
