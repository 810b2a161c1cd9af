"""Water district: confirmation page after a customer reports a leak."""
from flask import Flask, request

app = Flask(__name__)


@app.route("/leaks/report", methods=["POST"])
def report_leak():
    name = request.form.get("name", "customer")
    street = request.form.get("street", "")
    html = "<h1>Thank you, " + name + "</h1>"
    html += "<p>We have logged a leak near <b>%s</b>.</p>" % street
    return html


FORM = """<form method="post" action="/leaks/report">
<input name="name" placeholder="Your name">
<input name="street" placeholder="Nearest street">
<button>Report</button></form>"""


@app.route("/leaks")
def leak_form():
    return FORM


if __name__ == "__main__":
    app.run()
