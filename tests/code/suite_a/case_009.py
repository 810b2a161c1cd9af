from flask import Flask, render_template_string, request
from markupsafe import Markup

app = Flask(__name__)

PAGE = """<html><body><h1>Preview</h1>
<div class="comment">{{ comment }}</div>
</body></html>"""


@app.route("/comments/preview", methods=["POST"])
def preview():
    text = request.form.get("text", "")
    rendered = Markup("<p>%s</p>" % text.replace("\n", "<br>"))
    return render_template_string(PAGE, comment=rendered)
