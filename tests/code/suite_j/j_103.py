"""Order confirmation page for guest checkout."""
from flask import Flask, render_template_string, request

app = Flask(__name__)

CONFIRMATION = """<!doctype html>
<html>
<head><title>Thank you</title></head>
<body>
  <h1>Thanks, {{ name }}!</h1>
  <p>We sent a confirmation to {{ email }}.</p>
  <ul>{% for line in lines %}<li>{{ line.qty }} &times; {{ line.title }}</li>{% endfor %}</ul>
</body>
</html>"""


def parse_lines(form):
    titles = form.getlist("title")
    quantities = form.getlist("qty", type=int)
    return [{"title": t, "qty": q} for t, q in zip(titles, quantities)]


@app.post("/checkout/confirm")
def confirm():
    context = {
        "name": request.form.get("name", "customer"),
        "email": request.form.get("email", ""),
        "lines": parse_lines(request.form),
    }
    return render_template_string(CONFIRMATION, **context)
