import os

from flask import Flask, request, jsonify, abort

app = Flask(__name__)

BACKUP_JOBS = {
    "records": "pg_dump --format=custom vetclinic > /backups/records.dump",
    "imaging": "tar czf /backups/imaging.tgz /srv/vet/imaging",
    "invoices": "pg_dump --table=invoices vetclinic > /backups/invoices.sql",
}


def lookup_job(kind):
    return BACKUP_JOBS.get(kind)


def run_job(command):
    status = os.system(command)
    return os.waitstatus_to_exitcode(status)


@app.route("/admin/backup", methods=["POST"])
def trigger_backup():
    kind = request.form.get("kind", "records").lower()
    command = lookup_job(kind)
    if command is None:
        abort(400)
    code = run_job(command)
    return jsonify(job=kind, exit_code=code)


@app.route("/admin/backup/kinds")
def list_kinds():
    return jsonify(sorted(BACKUP_JOBS))


if __name__ == "__main__":
    app.run()
