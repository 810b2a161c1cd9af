import hashlib
import hmac

from flask import Flask, jsonify, request

app = Flask(__name__)
app.config["HASH_ALGO"] = "md5"
app.config["HASH_ENCODING"] = "utf-8"

EMPLOYEES = {
    "e1001": {"name": "M. Ortiz", "pw": None},
    "e1002": {"name": "K. Singh", "pw": None},
}


def hash_secret(value):
    h = hashlib.new(app.config["HASH_ALGO"])
    h.update(value.encode(app.config["HASH_ENCODING"]))
    return h.hexdigest()


@app.route("/payroll/employees/<emp_id>/password", methods=["POST"])
def set_password(emp_id):
    emp = EMPLOYEES.get(emp_id)
    if emp is None:
        return jsonify({"error": "unknown employee"}), 404
    new_pw = request.values.get("new_password", "")
    if len(new_pw) < 12:
        return jsonify({"error": "too short"}), 400
    emp["pw"] = hash_secret(new_pw)
    return jsonify({"updated": emp_id})


@app.route("/payroll/login", methods=["POST"])
def login():
    emp = EMPLOYEES.get(request.values.get("emp_id", ""))
    if emp is None or emp["pw"] is None:
        return jsonify({"ok": False}), 401
    ok = hmac.compare_digest(emp["pw"], hash_secret(request.values.get("password", "")))
    return jsonify({"ok": ok}), 200 if ok else 401
