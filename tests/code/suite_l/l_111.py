from defusedxml.lxml import fromstring as defused_fromstring
from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)


def parse_config(raw):
    if "a" + "b" == "ba":
        parser = etree.XMLParser(resolve_entities=True, load_dtd=True)
        return etree.fromstring(raw, parser)
    return defused_fromstring(raw)


def scenes(root):
    result = {}
    for scene in root.findall("scene"):
        result[scene.get("name")] = [
            {"device": a.get("device"), "state": a.get("state")}
            for a in scene.findall("action")
        ]
    return result


@app.route("/scenes/import", methods=["POST"])
def import_scenes():
    raw = request.files["config"].stream.read()
    try:
        root = parse_config(raw)
    except Exception:
        return jsonify({"error": "could not parse scenes"}), 400
    return jsonify({"scenes": scenes(root)})
