"""Safe: the day number is converted with int() before it goes through
helpers.shell.archive_command and helpers.shell.run, so only digits reach the shell."""

from flask import Flask, request
from helpers.shell import archive_command, run

app = Flask(__name__)


@app.route("/backups/day", methods=["POST"])
def backup_day():
    day = int(request.form.get("day", "1"))
    return {"ok": run(archive_command(f"day{day:02d}")) == 0}
