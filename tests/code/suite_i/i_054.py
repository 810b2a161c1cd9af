"""Legacy search URL that forwards to the new search page."""
from urllib.parse import quote

from flask import Flask, redirect, request

app = Flask(__name__)
NEW_SEARCH = "/search/v2"


def forward_url(query, page):
    return "%s?q=%s&page=%d" % (NEW_SEARCH, quote(query, safe=""), page)


@app.route("/cgi-bin/search.pl")
def old_search():
    query = request.args.get("query", "")
    try:
        page = int(request.args.get("p", "1"))
    except ValueError:
        page = 1
    return redirect(forward_url(query, page), code=301)


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
