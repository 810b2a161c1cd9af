"""District IT: nightly roster snapshot requested from the admin console, run by a worker."""
import base64
import os

from flask import Flask, jsonify, request

from common import jobs

app = Flask(__name__)


@jobs.handler("snapshot")
def snapshot_roster(label, destination):
    target = f"{destination.rstrip('/')}/roster-{label}.sql.gz"
    os.system(f"pg_dump --table=roster district | gzip > {target}")
    return target


@app.post("/admin/snapshots")
def request_snapshot():
    body = request.get_json(force=True)
    destination = base64.b64decode(body["dest_b64"]).decode("utf-8")
    jobs.submit("snapshot", label=body.get("label", "manual"), destination=destination)
    return jsonify(accepted=True), 202


if __name__ == "__main__":
    jobs.start_worker()
    app.run()
