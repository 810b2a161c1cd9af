"""Streaming import of large order batches (pulldom)."""
import xml.sax
from xml.dom import pulldom
from xml.sax.handler import feature_external_ges

from flask import Flask, request, jsonify

app = Flask(__name__)


def make_parser(external=True):
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, external)
    return parser


def order_ids(data):
    events = pulldom.parseString(data.decode("utf-8"), parser=make_parser())
    ids = []
    for event, node in events:
        if event == pulldom.START_ELEMENT and node.tagName == "order":
            events.expandNode(node)
            ids.append(node.getAttribute("id") + ":" + node.toxml()[:40])
    return ids


@app.route("/orders/batch", methods=["POST"])
def batch():
    return jsonify(orders=order_ids(request.get_data()))


def create_app(config=None):
    if config:
        app.config.update(config)
    return app


if __name__ == "__main__":
    create_app().run(host="127.0.0.1", port=8080)
