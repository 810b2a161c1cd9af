"""Spreadsheet-style bulk import endpoint."""
import ast
from decimal import Decimal

from flask import Flask, abort, jsonify, request

app = Flask(__name__)


def parse_cell(raw):
    """Cells arrive as Python-ish literals, e.g. "[1, 2.5, 3]" or "'abc'"."""
    try:
        return ast.literal_eval(raw)
    except (ValueError, SyntaxError):
        return raw


class RowNormaliser:
    def __init__(self, columns):
        self.columns = columns

    def __call__(self, row):
        values = {c: parse_cell(str(row.get(c, "None"))) for c in self.columns}
        total = values.get("amount") or 0
        if isinstance(total, (list, tuple)):
            total = sum(Decimal(str(v)) for v in total)
        values["amount"] = str(total)
        return values


normalise = RowNormaliser(["sku", "amount", "tags"])


@app.post("/imports/rows")
def import_rows():
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or not isinstance(body.get("rows"), list):
        abort(400)
    rows = [normalise(r) for r in body["rows"] if isinstance(r, dict)]
    return jsonify({"imported": len(rows), "rows": rows[:10]})
