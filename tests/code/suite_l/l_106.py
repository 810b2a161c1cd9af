from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)

PARSER_SETTINGS = dict(
    remove_blank_text=True,
    resolve_entities=True,
    no_network=True,
    huge_tree=False,
)


def gpx_parser():
    return etree.XMLParser(**PARSER_SETTINGS)


def summarise_track(xml_bytes):
    root = etree.fromstring(xml_bytes, parser=gpx_parser())
    points = root.findall(".//{*}trkpt")
    name = root.findtext(".//{*}trk/{*}name") or "unnamed"
    return {"name": name, "points": len(points)}


@app.route("/tracks", methods=["POST"])
def upload_track():
    upload = request.files["gpx"]
    try:
        summary = summarise_track(upload.read())
    except etree.XMLSyntaxError:
        return jsonify({"error": "not a gpx file"}), 400
    return jsonify(summary)


if __name__ == "__main__":
    app.run()
