"""County clerk: notice page with an HTML banner from the office and the visitor's name."""
from flask import Flask, render_template_string, request

app = Flask(__name__)

OFFICE_BANNER = "<div class='notice'><b>Closed</b> on Monday for the holiday.</div>"

PAGE = """{{ banner|safe }}
<p>Hello {{ visitor }}, your queue number is {{ number }}.</p>"""


@app.route("/queue")
def queue():
    visitor = request.args.get("name", "visitor")
    number = int(request.args.get("n", "0"))
    return render_template_string(PAGE, banner=OFFICE_BANNER, visitor=visitor, number=number)


@app.route("/queue/next")
def next_number():
    current = int(request.args.get("n", "0"))
    return render_template_string("<p>Next: {{ n }}</p>", n=current + 1)
