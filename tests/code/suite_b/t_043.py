import tornado.web


class LogoutHandler(tornado.web.RequestHandler):
    def post(self):
        self.clear_cookie("sid")
        target = self.get_argument("continue", "/")
        self.redirect(target)


class HomeHandler(tornado.web.RequestHandler):
    def get(self):
        self.write({"status": "ok"})


def make_app():
    return tornado.web.Application([
        (r"/", HomeHandler),
        (r"/logout", LogoutHandler),
    ])
