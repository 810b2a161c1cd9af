"""Receives RSS feeds pushed by a partner's publisher."""
import xml.etree.ElementTree as ET

from flask import Flask, request, jsonify

app = Flask(__name__)
ITEMS = []


def parse_feed(raw):
    root = ET.fromstring(raw)
    channel = root.find("channel")
    if channel is None:
        raise ValueError("no channel")
    return [
        {"title": item.findtext("title", ""), "link": item.findtext("link", "")}
        for item in channel.findall("item")
    ]


@app.route("/feeds/push", methods=["POST"])
def push():
    try:
        items = parse_feed(request.get_data())
    except (ET.ParseError, ValueError) as exc:
        return jsonify({"error": str(exc)}), 400
    ITEMS.extend(items)
    return jsonify({"received": len(items)})


@app.after_request
def no_store(response):
    response.headers.setdefault("Cache-Control", "no-store")
    return response
