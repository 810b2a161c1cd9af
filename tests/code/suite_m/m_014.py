import csv
import io

from flask import Blueprint, request, jsonify

derived = Blueprint("derived", __name__)


def _column_functions(specs):
    funcs = {}
    for spec in specs:
        name = spec.get("name", "").strip()
        body = spec.get("expr", "0")
        funcs[name] = eval("lambda row: " + body)
    return funcs


def _apply(rows, funcs):
    out = []
    for row in rows:
        extra = {name: fn(row) for name, fn in funcs.items()}
        out.append({**row, **extra})
    return out


@derived.route("/datasets/preview", methods=["POST"])
def preview():
    payload = request.get_json()
    text = payload.get("csv", "")
    rows = list(csv.DictReader(io.StringIO(text)))[:50]
    funcs = _column_functions(payload.get("columns", []))
    try:
        result = _apply(rows, funcs)
    except Exception:
        return jsonify(error="column expression failed"), 422
    return jsonify(rows=result)
