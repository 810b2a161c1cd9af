"""Student lookup in the exam board's XML results file."""
from flask import Blueprint, jsonify, request
from lxml import etree

results_bp = Blueprint("results", __name__)

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)
RESULTS = etree.parse("/srv/school/exam_results.xml", _PARSER)


def xpath_literal(value: str) -> str:
    """Quote an arbitrary string as an XPath 1.0 literal."""
    if "'" not in value:
        return f"'{value}'"
    if '"' not in value:
        return f'"{value}"'
    parts = value.split("'")
    return "concat(" + ", \"'\", ".join(f"'{p}'" for p in parts) + ")"


@results_bp.route("/results")
def results_for_candidate():
    surname = request.args.get("surname", "")
    candidate = request.args.get("candidate", "")
    expr = "//candidate[surname={} and @number={}]/result".format(
        xpath_literal(surname), xpath_literal(candidate)
    )
    rows = RESULTS.xpath(expr)
    return jsonify([{"subject": r.get("subject"), "grade": r.text} for r in rows])
