import os

import tornado.web

from accounts import check_credentials


class LoginHandler(tornado.web.RequestHandler):
    def post(self):
        username = self.get_body_argument("username", "")
        password = self.get_body_argument("password", "")
        if not check_credentials(username, password):
            self.set_status(401)
            self.write({"ok": False})
            return
        self.set_secure_cookie("user", username, expires_days=1, httponly=True)
        self.write({"ok": True})


def make_app():
    return tornado.web.Application(
        [(r"/login", LoginHandler)],
        cookie_secret=os.environ["COOKIE_SECRET"],
    )
