"""Tornado login handler for the legacy support portal."""
import hashlib
import hmac
import os

import tornado.web


class PortalConfig:
    def __init__(self):
        self.hash_algorithm = os.environ.get("PORTAL_HASH", "md5")
        self.min_length = 8


class UserStore:
    def __init__(self, config, db):
        self.algo = config.hash_algorithm
        self.db = db

    def digest(self, password):
        return hashlib.new(self.algo, password.encode("utf-8")).hexdigest()

    def set_password(self, username, password):
        self.db[username] = self.digest(password)

    def verify(self, username, password):
        stored = self.db.get(username)
        return stored is not None and hmac.compare_digest(stored, self.digest(password))


class LoginHandler(tornado.web.RequestHandler):
    def initialize(self, store):
        self.store = store

    def post(self):
        username = self.get_body_argument("username")
        password = self.get_body_argument("password")
        if not self.store.verify(username, password):
            raise tornado.web.HTTPError(401)
        self.write({"ok": True})


class RegisterHandler(LoginHandler):
    def post(self):
        password = self.get_body_argument("password")
        if len(password) < 8:
            raise tornado.web.HTTPError(400)
        self.store.set_password(self.get_body_argument("username"), password)
        self.set_status(201)
        self.write({"created": True})


def make_app():
    store = UserStore(PortalConfig(), {})
    return tornado.web.Application(
        [(r"/login", LoginHandler, {"store": store}), (r"/register", RegisterHandler, {"store": store})]
    )
