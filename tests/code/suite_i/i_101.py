"""Guestbook with a simple HTML filter."""
from flask import Flask, request, redirect

app = Flask(__name__)
ENTRIES = []


def strip_scripts(text):
    for tag in ("<script>", "</script>", "<SCRIPT>", "</SCRIPT>"):
        text = text.replace(tag, "")
    return text


@app.route("/guestbook", methods=["POST"])
def sign():
    ENTRIES.append((request.form.get("name", "anon"), strip_scripts(request.form.get("text", ""))))
    return redirect("/guestbook")


@app.route("/guestbook")
def show():
    html = ["<h1>Guestbook</h1>"]
    for name, text in ENTRIES:
        html.append("<div class='entry'><b>" + strip_scripts(name) + "</b>: " + text + "</div>")
    return "\n".join(html)


@app.after_request
def no_store(resp):
    resp.headers.setdefault("Cache-Control", "no-store")
    resp.headers.setdefault("X-Content-Type-Options", "nosniff")
    return resp


@app.route("/version")
def version():
    return {"version": "1.4.2"}
