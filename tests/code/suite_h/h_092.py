"""Book search over a small XML file using the standard library."""
import os
import time
import re
import xml.etree.ElementTree as ET

from flask import Flask, request, jsonify

app = Flask(__name__)

LIBRARY = ET.fromstring(
    """<library>
  <book author="Le Guin" year="1969"><title>The Left Hand of Darkness</title></book>
  <book author="Banks" year="1987"><title>Consider Phlebas</title></book>
</library>"""
)
AUTHOR_RE = re.compile(r"[A-Za-z][A-Za-z .-]{0,40}")


@app.route("/books/by-author")
def by_author():
    author = request.args.get("author", "")
    if not AUTHOR_RE.fullmatch(author):
        return jsonify({"error": "invalid author"}), 400
    books = LIBRARY.findall(".//book[@author='%s']" % author)
    return jsonify([b.findtext("title") for b in books])


STARTED_AT = time.time()
APP_VERSION = os.environ.get("APP_VERSION", "dev")


@app.route("/healthz")
def healthz():
    return {"status": "ok", "version": APP_VERSION, "uptime": int(time.time() - STARTED_AT)}
