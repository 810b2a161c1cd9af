"""OAuth-style callback that returns the user to a partner site."""
from urllib.parse import urlparse

from flask import Flask, redirect, request, abort

app = Flask(__name__)


class ReturnUrlPolicy:
    def __init__(self, hosts):
        self.hosts = frozenset(h.lower() for h in hosts)

    def check(self, url):
        if any(c in url for c in "\\\t\r\n "):
            raise ValueError("return url not allowed")
        parts = urlparse(url)
        if parts.username is not None or parts.password is not None:
            raise ValueError("return url not allowed")
        if parts.scheme != "https" or (parts.hostname or "").lower() not in self.hosts:
            raise ValueError("return url not allowed")
        return url


policy = ReturnUrlPolicy(["partner.example.com", "shop.example.com"])


@app.route("/oauth/done")
def done():
    try:
        url = policy.check(request.args.get("return_to", ""))
    except ValueError:
        abort(400)
    return redirect(url)


def create_app(config=None):
    if config:
        app.config.update(config)
    return app


if __name__ == "__main__":
    create_app().run(host="127.0.0.1", port=8080)
