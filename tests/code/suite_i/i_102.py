"""Pagination links for the archive page."""
import html
from urllib.parse import urlencode

from flask import Flask, request

app = Flask(__name__)


def attr(value):
    return html.escape(value, quote=True)


def page_link(tag, page, label):
    href = "/archive?" + urlencode({"tag": tag, "page": page})
    return f"<a class='page' href='{attr(href)}'>{html.escape(label)}</a>"


@app.route("/archive")
def archive():
    tag = request.args.get("tag", "all")
    try:
        page = max(1, int(request.args.get("page", "1")))
    except ValueError:
        page = 1
    links = [page_link(tag, p, f"{tag} page {p}") for p in range(max(1, page - 2), page + 3)]
    return f"<h2>Archive: {attr(tag)}</h2><nav>{" | ".join(links)}</nav>"


def create_app(config=None):
    if config:
        app.config.update(config)
    return app


if __name__ == "__main__":
    create_app().run(host="127.0.0.1", port=8080)
