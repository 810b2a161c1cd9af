"""Transit agency: search results page echoes the search term."""
from flask import Flask, render_template_string, request

app = Flask(__name__)

PAGE = """<!doctype html>
<title>Search</title>
<p>Results for <em>{{ q }}</em>:</p>
<ul>{% for stop in stops %}<li>{{ stop }}</li>{% endfor %}</ul>"""

STOPS = ["Main St & 1st", "Harbor Terminal", "Civic Center", "Oak Park"]


@app.route("/stops/search")
def stop_search():
    q = request.args.get("q", "")
    hits = [s for s in STOPS if q.lower() in s.lower()]
    return render_template_string(PAGE, q=q, stops=hits)
