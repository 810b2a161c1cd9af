"""Vulnerable: the backup label from the form goes into helpers.shell.archive_command and the
command is run by helpers.shell.run through the shell."""

from flask import Flask, request
from helpers import shell

app = Flask(__name__)


@app.route("/backups", methods=["POST"])
def create_backup():
    label = request.form.get("label", "daily")
    code = shell.run(shell.archive_command(label))
    return {"ok": code == 0}
