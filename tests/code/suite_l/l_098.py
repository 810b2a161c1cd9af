import html

from flask import Flask, request

app = Flask(__name__)

PAGE = """<!doctype html>
<html><head><title>Guestbook</title></head>
<body><h1>Guestbook</h1><ul>{entries}</ul>
<form method="post"><input name="name"><textarea name="msg"></textarea>
<button>Sign</button></form></body></html>"""

ENTRIES = []


def render_entries():
    items = []
    for name, msg in ENTRIES[-50:]:
        items.append("<li><b>%s</b>: %s</li>" % (html.escape(name), html.escape(msg)))
    return "".join(items)


@app.route("/guestbook", methods=["GET", "POST"])
def guestbook():
    if request.method == "POST":
        name = request.form.get("name", "anonymous")[:40]
        msg = request.form.get("msg", "")[:500]
        ENTRIES.append((name, msg))
    return PAGE.format(entries=render_entries())


@app.route("/guestbook/count")
def count():
    return {"entries": len(ENTRIES)}
