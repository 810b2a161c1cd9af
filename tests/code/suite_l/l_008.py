import subprocess

from flask import Flask, jsonify, request

app = Flask(__name__)
app.config.from_mapping(
    BACKUP_MOUNT="/mnt/backup",
    BACKUP_HOST="nas01.internal",
)


def disk_report():
    cmd = "df -hP " + app.config["BACKUP_MOUNT"] + " | tail -n 1"
    raw = subprocess.check_output(cmd, shell=True, text=True)
    fields = raw.split()
    return {
        "size": fields[1],
        "used": fields[2],
        "available": fields[3],
        "percent": fields[4],
    }


@app.route("/backup/status")
def status():
    fmt = request.args.get("format", "full")
    report = disk_report()
    if fmt == "short":
        return jsonify({"percent": report["percent"]})
    report["host"] = app.config["BACKUP_HOST"]
    return jsonify(report)


@app.route("/backup/ping")
def ping():
    return jsonify({"ok": True})
