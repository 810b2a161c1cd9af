"""Parts catalogue stored as XML (inventory system)."""
from functools import lru_cache

from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)
CATALOGUE = "/srv/inventory/parts.xml"


@lru_cache(maxsize=1)
def catalogue():
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.parse(CATALOGUE, parser)


def find_parts(manufacturer, max_price):
    expr = "//part[manufacturer=$maker and number(price) <= $limit]"
    return catalogue().xpath(expr, maker=manufacturer, limit=max_price)


@app.get("/parts")
def parts():
    maker = request.args.get("manufacturer", "")
    limit = request.args.get("max_price", 1e9, type=float)
    nodes = find_parts(maker, limit)
    return jsonify([
        {"sku": p.get("sku"), "name": p.findtext("name"), "price": p.findtext("price")}
        for p in nodes
    ])
