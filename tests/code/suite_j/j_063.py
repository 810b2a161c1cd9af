"""Tornado login handler for the internal wiki."""
import os

import tornado.web

from .auth import check_password


class BaseHandler(tornado.web.RequestHandler):
    def get_current_user(self):
        value = self.get_secure_cookie("wiki_user", max_age_days=1)
        return value.decode() if value else None


class LoginHandler(BaseHandler):
    cookie_options = {"secure": True, "httponly": True, "samesite": "Strict"}

    def post(self):
        username = self.get_body_argument("username")
        if not check_password(username, self.get_body_argument("password")):
            raise tornado.web.HTTPError(401)
        self.set_secure_cookie("wiki_user", username, expires_days=1, **self.cookie_options)
        self.write({"user": username})


class LogoutHandler(BaseHandler):
    def post(self):
        self.clear_cookie("wiki_user")
        self.write({"ok": True})


def make_app():
    return tornado.web.Application(
        [(r"/login", LoginHandler), (r"/logout", LogoutHandler)],
        cookie_secret=os.environ["WIKI_COOKIE_SECRET"],
        xsrf_cookies=True,
    )
