"""Network diagnostics blueprint for the ops dashboard."""
import logging
import subprocess

from flask import Blueprint, jsonify, request

log = logging.getLogger(__name__)
bp = Blueprint("diagnostics", __name__, url_prefix="/ops")


class Shell:
    """Thin wrapper so the commands can be mocked in unit tests."""

    def __init__(self, timeout=15):
        self.timeout = timeout

    def run(self, command):
        log.debug("running %s", command)
        proc = subprocess.run(
            command,
            shell=True,
            capture_output=True,
            text=True,
            timeout=self.timeout,
        )
        return proc.returncode, proc.stdout


def clean_host(value):
    # operators kept pasting "host; host2" lists, only keep the first one
    return value.split(";")[0].strip()


_shell = Shell()


@bp.route("/ping")
def ping():
    target = clean_host(request.args.get("host", "localhost"))
    count = 3
    code, output = _shell.run("ping -c {} -W 2 {}".format(count, target))
    return jsonify(
        {
            "host": target,
            "reachable": code == 0,
            "lines": output.splitlines()[-2:],
        }
    )


@bp.route("/health")
def health():
    return jsonify({"ok": True})
