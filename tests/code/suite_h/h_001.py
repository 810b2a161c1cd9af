"""Small network diagnostics panel for the ops team."""
import subprocess
import logging

from flask import Flask, request, jsonify

app = Flask(__name__)
log = logging.getLogger("netdiag")

DEFAULT_COUNT = 3


def run_cmd(cmd, timeout=15):
    """Run a command line and return (rc, output)."""
    log.info("running %s", cmd)
    proc = subprocess.run(
        cmd,
        shell=True,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return proc.returncode, proc.stdout + proc.stderr


def build_ping(host, count):
    return "ping -c {} -W 2 {}".format(count, host)


@app.route("/diag/ping")
def ping():
    host = request.args.get("host", "127.0.0.1").strip()
    try:
        count = int(request.args.get("count", DEFAULT_COUNT))
    except ValueError:
        count = DEFAULT_COUNT
    count = max(1, min(count, 10))
    rc, out = run_cmd(build_ping(host, count))
    return jsonify({"host": host, "rc": rc, "output": out.splitlines()})


if __name__ == "__main__":
    app.run(debug=False)
