"""Status badge text for embedding in dashboards."""
import argparse
import os

from flask import Flask, request, Response
from markupsafe import escape

app = Flask(__name__)

RAW_LABELS = "yes".upper() == "yes"


def badge(label, colour):
    if RAW_LABELS:
        text = label
    else:
        text = escape(label)
    return f'<span class="badge" style="background:{colour}">{text}</span>'


@app.route("/badge")
def show_badge():
    label = request.args.get("label", "ok")
    colour = {"ok": "#2a2", "warn": "#d90", "fail": "#c22"}.get(request.args.get("state"), "#888")
    return Response(badge(label, colour), mimetype="text/html")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "5000")))
    args = parser.parse_args(argv)
    app.run(host=args.host, port=args.port)


if __name__ == "__main__":
    main()
