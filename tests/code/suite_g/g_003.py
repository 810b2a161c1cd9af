"""School district: zip a teacher's class folder for download."""
import subprocess

from flask import Flask, request, send_file

app = Flask(__name__)
ARCHIVE_ROOT = "/srv/classes"


def run_cmd(cmd):
    # small wrapper so every call gets the same working directory and logging
    print("running:", cmd)
    return subprocess.check_output(cmd, shell=True, cwd=ARCHIVE_ROOT)


def clean(name):
    # people kept pasting "a; b" from the spreadsheet
    return name.replace(";", "").strip()


@app.route("/classes/archive", methods=["POST"])
def archive_class():
    folder = clean(request.form["folder"])
    target = "/tmp/class_export.zip"
    run_cmd("zip -qr " + target + " " + folder)
    return send_file(target, as_attachment=True, download_name="class.zip")


if __name__ == "__main__":
    app.run(port=8080)
