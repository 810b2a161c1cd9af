from flask import Flask, render_template_string, request

app = Flask(__name__)

TEMPLATE = """
<ul class="crumbs">
  {% for part in parts %}<li>{{ part }}</li>{% endfor %}
</ul>
<p>Search: {{ term }}</p>
"""


@app.route("/kb/search")
def kb_search():
    term = request.args.get("term", "")
    parts = [p for p in request.args.get("path", "").split("/") if p]
    return render_template_string(TEMPLATE, term=term, parts=parts)
