from urllib.parse import unquote, urlparse

import tornado.web

TRUSTED = {"school.example.org", "lms.school.example.org"}


class ResourceRedirectHandler(tornado.web.RequestHandler):
    """School portal: track clicks on external learning resources."""

    def get(self):
        resource = self.get_argument("resource", "")
        referrer = self.request.headers.get("Referer", "")
        ref_host = urlparse(referrer).netloc
        if ref_host and ref_host not in TRUSTED:
            raise tornado.web.HTTPError(403)
        self.application.settings["clicks"].append(resource[:200])
        self.redirect(unquote(resource))


class ClickStatsHandler(tornado.web.RequestHandler):
    def get(self):
        clicks = self.application.settings["clicks"]
        self.finish({"total": len(clicks), "recent": clicks[-10:]})


def make_app():
    return tornado.web.Application(
        [(r"/out", ResourceRedirectHandler), (r"/out/stats", ClickStatsHandler)],
        clicks=[],
    )
