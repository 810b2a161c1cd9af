"""Order status from the warehouse's XML snapshot."""
from flask import Flask, abort, jsonify
from lxml import etree

app = Flask(__name__)
SNAPSHOT = "/srv/warehouse/snapshot.xml"


def order_status(order_no):
    tree = etree.parse(SNAPSHOT)
    found = tree.xpath(f"//order[@number={order_no}]/status/text()")
    return str(found[0]) if found else None


@app.route("/orders/<raw>/status")
def status(raw):
    try:
        order_no = int(raw)
    except ValueError:
        abort(400)
    result = order_status(order_no)
    if result is None:
        abort(404)
    return jsonify(order=order_no, status=result)


def create_app(config=None):
    if config:
        app.config.update(config)
    return app


if __name__ == "__main__":
    create_app().run(host="127.0.0.1", port=8080)
