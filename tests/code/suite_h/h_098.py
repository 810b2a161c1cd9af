"""Search page that echoes the query above the results."""
from markupsafe import escape
from flask import Flask, request

app = Flask(__name__)

DOCS = ["Installing the agent", "Rotating API keys", "Exporting reports"]


def result_list(query):
    hits = [d for d in DOCS if query.lower() in d.lower()]
    return "".join("<li>%s</li>" % escape(h) for h in hits)


@app.route("/search")
def search():
    query = request.args.get("q", "")
    return (
        "<h2>Results for &ldquo;" + str(escape(query)) + "&rdquo;</h2>"
        "<ul>" + result_list(query) + "</ul>"
    )


@app.errorhandler(404)
def handle_not_found(_err):
    return {"error": "not found"}, 404


@app.errorhandler(500)
def handle_server_error(_err):
    app.logger.exception("unhandled error")
    return {"error": "internal error"}, 500
