"""Counts elements in uploaded XML documents for the data-quality dashboard."""
import xml.sax
from collections import Counter

from flask import Flask, request, jsonify

app = Flask(__name__)


class TagCounter(xml.sax.ContentHandler):
    def __init__(self):
        super().__init__()
        self.counts = Counter()

    def startElement(self, name, attrs):
        self.counts[name] += 1


@app.route("/dq/xml-stats", methods=["POST"])
def xml_stats():
    counter = TagCounter()
    try:
        xml.sax.parseString(request.get_data(), counter)
    except xml.sax.SAXParseException as exc:
        return jsonify({"error": str(exc)}), 400
    return jsonify(dict(counter.counts.most_common(20)))


@app.after_request
def no_store(response):
    response.headers.setdefault("Cache-Control", "no-store")
    return response
