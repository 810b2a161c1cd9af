"""Server-rendered search page for the help centre."""
from flask import Flask, request
from markupsafe import escape

from .search import HelpIndex

app = Flask(__name__)
index = HelpIndex()

PAGE = """<!doctype html>
<html><head><title>Help search</title></head>
<body>
<h1>Results for &ldquo;{query}&rdquo;</h1>
<ul>{items}</ul>
</body></html>"""


def render_item(article):
    return '<li><a href="/help/{slug}">{title}</a></li>'.format(
        slug=escape(article.slug), title=escape(article.title)
    )


def render_page(query, articles):
    items = "".join(render_item(a) for a in articles) or "<li>No results</li>"
    return PAGE.format(query=escape(query), items=items)


@app.route("/help/search")
def help_search():
    query = request.args.get("q", "").strip()
    articles = index.search(query, limit=20) if query else []
    return render_page(query, articles)
