"""County library: catalogue search results page."""
from flask import Flask, request

from common.db import fetch_all
from common.textutil import normalize

app = Flask(__name__)

PAGE = """<!doctype html>
<html><head><title>Catalogue search</title></head>
<body>
<h1>{heading}</h1>
<ul>{items}</ul>
</body></html>"""


def heading_for(query, count):
    return "%d results for &ldquo;%s&rdquo;" % (count, query)


@app.get("/search")
def search():
    q = normalize(request.args.get("q"))
    rows = fetch_all("SELECT title FROM titles WHERE title LIKE ? LIMIT 50", (f"%{q}%",))
    items = "".join("<li>%s</li>" % r["title"].replace("<", "&lt;") for r in rows)
    return PAGE.format(heading=heading_for(q, len(rows)), items=items)
