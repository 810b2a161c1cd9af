"""Library system: the old search form forwards to the new catalogue search."""
from urllib.parse import urlencode

from flask import Flask, jsonify, redirect, request

app = Flask(__name__)


@app.route("/cgi-bin/search")
def legacy_search():
    params = {
        "q": request.args.get("term", ""),
        "type": request.args.get("type", "keyword"),
        "branch": request.args.get("branch", "all"),
    }
    return redirect("/catalogue/search?" + urlencode(params), code=301)


@app.route("/catalogue/search")
def catalogue_search():
    q = request.args.get("q", "")
    kind = request.args.get("type", "keyword")
    return jsonify({"query": q, "type": kind, "results": []})
