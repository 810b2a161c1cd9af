from urllib.parse import urlparse

from flask import Flask, request, redirect, url_for, abort

app = Flask(__name__)

ALLOWED_HOSTS = {"news.example.org", "www.example.org", "shop.example.org"}


class LinkTracker:
    def __init__(self):
        self.clicks = {}

    def record(self, issue, link):
        key = (issue, link)
        self.clicks[key] = self.clicks.get(key, 0) + 1


tracker = LinkTracker()


def approved_destination(url):
    parts = urlparse(url)
    return parts.scheme == "https" and parts.netloc in ALLOWED_HOSTS


@app.route("/t/<int:issue>")
def track_click(issue):
    dest = request.args.get("u", "")
    if not approved_destination(dest):
        return redirect(url_for("archive", issue=issue))
    tracker.record(issue, dest)
    return redirect(dest)


@app.route("/archive/<int:issue>")
def archive(issue):
    if issue < 1:
        abort(404)
    return {"issue": issue}


if __name__ == "__main__":
    app.run()
