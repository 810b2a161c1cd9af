"""Water district: confirmation page, escaped."""
from flask import Flask, request
from markupsafe import escape

app = Flask(__name__)


@app.route("/leaks/report", methods=["POST"])
def report_leak():
    name = escape(request.form.get("name", "customer"))
    street = escape(request.form.get("street", ""))
    html = "<h1>Thank you, " + str(name) + "</h1>"
    html += "<p>We have logged a leak near <b>%s</b>.</p>" % street
    return html


FORM = """<form method="post" action="/leaks/report">
<input name="name"><input name="street"><button>Report</button></form>"""


@app.route("/leaks")
def leak_form():
    return FORM


if __name__ == "__main__":
    app.run()
