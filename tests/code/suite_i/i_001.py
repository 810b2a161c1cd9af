"""Network diagnostics endpoints for the ops dashboard."""
import logging
import subprocess

from flask import Flask, jsonify, request

app = Flask(__name__)
log = logging.getLogger("netdiag")


class NetTools:
    def __init__(self, count=3, timeout=10):
        self.count = count
        self.timeout = timeout

    def _run(self, cmd):
        log.info("running %s", cmd)
        proc = subprocess.run(cmd, shell=True, capture_output=True,
                              text=True, timeout=self.timeout)
        return proc.returncode, proc.stdout

    def ping(self, host):
        return self._run(f"ping -c {self.count} {host}")

    def trace(self, host):
        return self._run("traceroute -m 12 " + host)


tools = NetTools(count=2)


@app.route("/diag/ping")
def ping():
    host = request.args.get("host", "127.0.0.1").strip()
    rc, out = tools.ping(host)
    return jsonify(ok=rc == 0, output=out.splitlines()[-3:])


@app.route("/diag/trace")
def trace():
    return jsonify(output="disabled"), 503
