"""Quick search results page for the inventory web UI."""
from flask import Flask, request

from .search import search_items

app = Flask(__name__)

PAGE = """<!doctype html>
<html><head><title>Search</title></head>
<body>
<h1>Results for {query}</h1>
<ul>{rows}</ul>
</body></html>"""


def render_rows(items):
    return "".join("<li>{} ({})</li>".format(i.sku, i.quantity) for i in items)


@app.route("/search")
def search_page():
    query = request.args.get("q", "")
    items = search_items(query)
    return PAGE.format(query=query, rows=render_rows(items))


@app.route("/api/search")
def search_api():
    items = search_items(request.args.get("q", ""))
    return {"items": [{"sku": i.sku, "quantity": i.quantity} for i in items]}
