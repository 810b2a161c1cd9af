"""County clerk: look up the mail exchanger of a filer's e-mail domain."""
import subprocess

from flask import Flask, jsonify, request

app = Flask(__name__)


def mx_records(domain):
    completed = subprocess.run(
        ["dig", "+short", "MX", domain],
        capture_output=True,
        text=True,
        timeout=10,
    )
    return [line for line in completed.stdout.splitlines() if line.strip()]


@app.route("/filers/verify-domain", methods=["POST"])
def verify_domain():
    email = request.form.get("email", "")
    domain = email.rpartition("@")[2].strip().lower()
    if not domain or domain.startswith("-"):
        return jsonify({"error": "no domain"}), 400
    records = mx_records(domain)
    return jsonify({"domain": domain, "mx": records, "ok": bool(records)})
