"""Help pages rendered from markdown files."""
import os

from flask import Flask, request, Response

app = Flask(__name__)
DOCS = "/srv/help"


def normalise(page):
    page = page.replace("../", "")
    if not page.endswith(".md"):
        page += ".md"
    return page


def read_page(page):
    with open(os.path.join(DOCS, normalise(page)), encoding="utf-8") as fh:
        return fh.read()


@app.route("/help")
def help_page():
    page = request.args.get("page", "index")
    try:
        body = read_page(page)
    except OSError:
        return Response("not found", status=404)
    return Response(body, mimetype="text/markdown")


def create_app(config=None):
    if config:
        app.config.update(config)
    return app


if __name__ == "__main__":
    create_app().run(host="127.0.0.1", port=8080)
