"""Status badges for the inventory dashboard."""
from flask import Flask, render_template_string, request
from markupsafe import Markup

app = Flask(__name__)

BADGE_PAGE = """
<div class="badges">
  {% for badge in badges %}{{ badge }}{% endfor %}
</div>
"""

COLOURS = {"ok": "green", "low": "orange", "out": "red"}


class Badge:
    def __init__(self, label, state):
        self.label = label
        self.colour = COLOURS.get(state, "grey")

    def __html__(self):
        return Markup(f'<span class="badge badge-{self.colour}">{self.label}</span>')


@app.post("/dashboard/badges")
def badges():
    payload = request.get_json(silent=True) or []
    items = [Badge(str(b.get("label", "")), b.get("state", "ok")) for b in payload
             if isinstance(b, dict)]
    return render_template_string(BADGE_PAGE, badges=items)
