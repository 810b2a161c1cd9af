"""County library: "no results" page suggesting other spellings."""
from flask import Flask, request
from markupsafe import escape

app = Flask(__name__)


@app.get("/search/none")
def no_results():
    q = request.args.get("q", "")
    suggestions = [s for s in request.args.getlist("alt") if s][:5]
    links = "".join(f'<li><a href="/search?q={escape(s)}">{escape(s)}</a></li>' for s in suggestions)
    return (
        "<!doctype html><h1>Nothing found for "
        + str(escape(q))
        + "</h1><p>Did you mean:</p><ul>"
        + links
        + "</ul>"
    )
