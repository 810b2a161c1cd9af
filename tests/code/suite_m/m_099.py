import html

from flask import Flask, request

app = Flask(__name__)

WRAPPER = """<!doctype html>
<html><body style="font-family:sans-serif">
<div class="preview-subject">%(subject)s</div>
<div class="preview-from">From: %(sender)s</div>
<hr>
%(body)s
</body></html>"""


def paragraphs(text):
    blocks = [b.strip() for b in text.split("\n\n") if b.strip()]
    return "\n".join("<p>%s</p>" % html.escape(b) for b in blocks)


@app.route("/issues/preview", methods=["POST"])
def preview_issue():
    subject = request.form.get("subject", "(no subject)")
    sender = request.form.get("sender", "newsletter@example.org")
    body = request.form.get("body", "")
    page = WRAPPER % {
        "subject": html.escape(subject),
        "sender": html.escape(sender),
        "body": paragraphs(body),
    }
    return page, 200, {"Content-Type": "text/html; charset=utf-8"}


if __name__ == "__main__":
    app.run()
