"""Credit union: statement templates uploaded by the marketing team."""
from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)

PARSER_OPTS = {
    "load_dtd": True,
    "resolve_entities": True,
    "remove_comments": True,
    "remove_blank_text": True,
}


@app.route("/statements/templates", methods=["POST"])
def upload_template():
    upload = request.files["template"]
    parser = etree.XMLParser(**PARSER_OPTS)
    tree = etree.parse(upload.stream, parser)
    blocks = [b.text or "" for b in tree.getroot().iter("block")]
    return jsonify({"blocks": blocks})
