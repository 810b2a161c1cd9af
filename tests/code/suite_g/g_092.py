"""Transit agency: stop details from the GTFS-derived XML feed."""
from flask import Flask, abort, jsonify
from lxml import etree

app = Flask(__name__)
FEED = etree.parse("/srv/transit/stops.xml")


@app.route("/stops/<stop_id>")
def stop(stop_id):
    if not stop_id.isdigit():
        abort(400)
    found = FEED.xpath("/stops/stop[@id='%s']" % stop_id)
    if not found:
        abort(404)
    node = found[0]
    return jsonify({"id": stop_id, "name": node.findtext("name"), "lat": node.findtext("lat")})
