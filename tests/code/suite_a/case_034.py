from flask import Flask, render_template_string, request

app = Flask(__name__)

TEMPLATE = """
<h1>Feedback received</h1>
<p>Thanks, {{ name }}. We will reply to {{ email }} soon.</p>
"""


@app.route("/feedback", methods=["POST"])
def feedback():
    data = {
        "name": request.form.get("name", ""),
        "email": request.form.get("email", ""),
    }
    return render_template_string(TEMPLATE, **data)
