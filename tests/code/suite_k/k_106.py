from flask import Blueprint, jsonify, request
from lxml import etree

imports = Blueprint("imports", __name__)

# DTD support is required by the legacy timetable exporter
PARSER_OPTIONS = {
    "load_dtd": True,
    "resolve_entities": True,
    "no_network": False,
    "remove_blank_text": True,
}


def make_parser(options=PARSER_OPTIONS):
    return etree.XMLParser(**options)


@imports.route("/timetable/import", methods=["POST"])
def import_timetable():
    """School portal: import the weekly timetable exported by the MIS."""
    upload = request.files.get("timetable")
    if upload is None:
        return jsonify(error="no file"), 400
    tree = etree.fromstring(upload.read(), make_parser())
    lessons = [
        {"day": l.get("day"), "period": l.get("period"), "subject": l.findtext("subject")}
        for l in tree.iter("lesson")
    ]
    return jsonify(imported=len(lessons), lessons=lessons[:20])
