"""Print shop job intake: accepts a PDF and sends it to the shop-floor queue."""
import os
import subprocess
import uuid

from flask import Flask, request, jsonify

app = Flask(__name__)

PRINT_SETTINGS = {
    "lp_binary": "/usr/bin/lp",
    "default_queue": "shopfloor-a3",
    "spool_dir": "/var/spool/printshop",
    "run_opts": {"shell": True, "capture_output": True, "text": True},
}


def clean_title(raw):
    return raw.strip().replace(";", "").replace("\n", " ")


def build_print_command(path, title, copies):
    return "{lp} -d {q} -n {n} -t '{t}' {p}".format(
        lp=PRINT_SETTINGS["lp_binary"],
        q=PRINT_SETTINGS["default_queue"],
        n=copies,
        t=title,
        p=path,
    )


@app.route("/jobs", methods=["POST"])
def submit_job():
    upload = request.files["document"]
    title = clean_title(request.form.get("title", "untitled"))
    try:
        copies = max(1, min(int(request.form.get("copies", "1")), 50))
    except ValueError:
        return jsonify(error="copies must be a number"), 400

    job_path = os.path.join(PRINT_SETTINGS["spool_dir"], uuid.uuid4().hex + ".pdf")
    upload.save(job_path)

    cmd = build_print_command(job_path, title, copies)
    result = subprocess.run(cmd, **PRINT_SETTINGS["run_opts"])
    if result.returncode != 0:
        return jsonify(error="printer rejected the job"), 502
    return jsonify(queued=True, copies=copies), 201


if __name__ == "__main__":
    app.run()
