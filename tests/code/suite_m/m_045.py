import csv
import os

from flask import Blueprint, request, jsonify

exports = Blueprint("exports", __name__, url_prefix="/exports")

EXPORT_DIR = os.path.realpath("/srv/warehouse/exports")


class ExportWriter:
    def __init__(self, filename):
        self.filename = filename
        self.path = os.path.join(EXPORT_DIR, filename)

    def write(self, rows):
        with open(self.path, "w", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(["sku", "bin", "qty"])
            writer.writerows(rows)
        return self.path


@exports.route("/stock", methods=["POST"])
def export_stock():
    body = request.get_json()
    filename = body.get("name", "stock") + ".csv"
    resolved_dir = os.path.realpath(EXPORT_DIR)
    if not resolved_dir.startswith(EXPORT_DIR):
        return jsonify(error="bad export dir"), 500

    rows = [(r["sku"], r["bin"], int(r["qty"])) for r in body.get("rows", [])]
    written = ExportWriter(filename).write(rows)
    return jsonify(file=os.path.basename(written), rows=len(rows))
