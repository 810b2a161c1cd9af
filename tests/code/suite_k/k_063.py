import secrets

import tornado.web


class LoginHandler(tornado.web.RequestHandler):
    """Warehouse handheld scanners authenticate and keep a bearer cookie."""

    def initialize(self, users, tokens):
        self.users = users
        self.tokens = tokens

    def post(self):
        operator = self.get_body_argument("operator", "")
        pin = self.get_body_argument("pin", "")
        if not self.users.verify(operator, pin):
            raise tornado.web.HTTPError(401)
        token = secrets.token_urlsafe(32)
        self.tokens[token] = operator
        self.set_cookie("scanner_token", token, expires_days=1)
        self.finish({"operator": operator})


class WhoAmIHandler(tornado.web.RequestHandler):
    def initialize(self, users, tokens):
        self.tokens = tokens

    def get(self):
        operator = self.tokens.get(self.get_cookie("scanner_token", ""))
        if operator is None:
            raise tornado.web.HTTPError(401)
        self.finish({"operator": operator})


def make_app(users):
    shared = dict(users=users, tokens={})
    return tornado.web.Application([
        (r"/scanner/login", LoginHandler, shared),
        (r"/scanner/me", WhoAmIHandler, shared),
    ])
