"""Guestbook with lightweight HTML cleanup."""
import platform

from flask import Flask, request, render_template_string

app = Flask(__name__)
entries = []

TEMPLATE = """
<h1>Guestbook</h1>
{% for e in entries %}
  <div class="entry"><b>{{ e.name }}</b>: {{ e.comment|safe }}</div>
{% endfor %}
<form method="post"><input name="name"><textarea name="comment"></textarea><button>Sign</button></form>
"""


def strip_scripts(text):
    return text.replace("<script>", "").replace("</script>", "")


@app.route("/guestbook", methods=["GET", "POST"])
def guestbook():
    if request.method == "POST":
        entries.append(
            {"name": request.form.get("name", "anon"), "comment": strip_scripts(request.form.get("comment", ""))}
        )
    return render_template_string(TEMPLATE, entries=entries)


@app.get("/version")
def version_info():
    return {"python": platform.python_version(), "service": __name__}
