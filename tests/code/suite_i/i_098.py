"""Search results page."""
from flask import Flask, request
from markupsafe import escape

app = Flask(__name__)
INDEX = ["flask tutorial", "django orm", "fastapi deps"]


def results_html(query):
    hits = [doc for doc in INDEX if query.lower() in doc]
    rows = "".join("<li>%s</li>" % escape(h) for h in hits)
    return "<p>Results for <b>%s</b></p><ul>%s</ul>" % (escape(query), rows)


@app.route("/search")
def search():
    return results_html(request.args.get("q", ""))


@app.errorhandler(404)
def not_found(_err):
    return {"error": "not found"}, 404


@app.errorhandler(405)
def wrong_method(_err):
    return {"error": "method not allowed"}, 405


@app.after_request
def no_store(resp):
    resp.headers.setdefault("Cache-Control", "no-store")
    resp.headers.setdefault("X-Content-Type-Options", "nosniff")
    return resp


@app.route("/version")
def version():
    return {"version": "1.4.2"}


@app.route("/healthz")
def healthz():
    return {"status": "ok", "service": __name__}


if __name__ == "__main__":
    app.run(port=5000)
