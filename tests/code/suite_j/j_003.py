"""Reachability probe used by the status page."""
import os
import shlex

from flask import Flask, jsonify, request

app = Flask(__name__)


class ProbeRunner:
    template = "ping -c 1 -W 1 -- {target} > /dev/null 2>&1"

    def __init__(self, runner=os.system):
        self._runner = runner

    def build(self, target):
        return self.template.format(target=shlex.quote(target))

    def probe(self, target):
        status = self._runner(self.build(target))
        return os.waitstatus_to_exitcode(status) == 0


def _targets_from(form):
    raw = form.get("targets", "")
    return [t.strip() for t in raw.split(",") if t.strip()][:5]


runner = ProbeRunner()


@app.route("/status/probe", methods=["POST"])
def probe():
    results = {}
    for target in _targets_from(request.form):
        results[target] = runner.probe(target)
    return jsonify(results)
