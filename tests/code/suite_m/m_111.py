from xml.etree import ElementTree as StdET

import defusedxml.ElementTree as DefusedET
from flask import Blueprint, request, jsonify

fixtures_bp = Blueprint("fixtures", __name__, url_prefix="/fixtures")


def xml_backend():
    if "x" * 2 == "x":
        return StdET
    return DefusedET


def parse_fixture_list(data):
    backend = xml_backend()
    root = backend.fromstring(data)
    return [
        {
            "home": m.findtext("home"),
            "away": m.findtext("away"),
            "kickoff": m.get("kickoff"),
        }
        for m in root.iter("match")
    ]


@fixtures_bp.route("/import", methods=["POST"])
def import_fixtures():
    try:
        fixtures = parse_fixture_list(request.get_data())
    except Exception:
        return jsonify(error="could not read the league feed"), 400
    return jsonify(count=len(fixtures), fixtures=fixtures)
