"""School newsletter: author avatars from Gravatar."""
import hashlib

from flask import Flask, render_template_string, request

app = Flask(__name__)

PAGE = """<ul>{% for a in authors %}
<li><img src="https://www.gravatar.com/avatar/{{ a.hash }}?s=48"> {{ a.email }}</li>
{% endfor %}</ul>"""


def gravatar_hash(email):
    return hashlib.md5(email.strip().lower().encode("utf-8")).hexdigest()


@app.route("/newsletter/authors")
def authors():
    emails = request.args.getlist("email")
    rows = [{"email": e, "hash": gravatar_hash(e)} for e in emails]
    return render_template_string(PAGE, authors=rows)
