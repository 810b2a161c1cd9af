"""Patient portal admin: print a wristband label on a ward printer."""
import os
import tempfile

from flask import Flask, abort, jsonify, request

from common.db import patients

app = Flask(__name__)
app.secret_key = os.environ["PORTAL_SECRET_KEY"]


@app.route("/admin/wristband", methods=["POST"])
def print_wristband():
    mrn = request.form.get("mrn", "")
    printer = request.form.get("printer", "WARD3-ZEBRA")
    patient = patients.by_mrn(mrn)
    if patient is None:
        abort(404)
    with tempfile.NamedTemporaryFile("w", suffix=".zpl", delete=False) as fh:
        fh.write("^XA^FO50,50^FD%s %s^FS^XZ" % (patient["last_name"], patient["mrn"]))
        label_path = fh.name
    try:
        status = os.system("lpr -P %s -o raw %s" % (printer, label_path))
    finally:
        os.unlink(label_path)
    return jsonify({"queued": status == 0})
