"""Service control endpoints for the on-prem appliance UI."""
import subprocess

from flask import Flask, abort, jsonify, request

app = Flask(__name__)


class ServiceController:
    ACTIONS = frozenset({"status", "restart", "reload"})

    def __init__(self, services):
        self.services = tuple(services)

    def _systemctl(self, action, unit):
        proc = subprocess.run(
            ["systemctl", action, unit],
            capture_output=True,
            text=True,
            timeout=20,
        )
        return {"rc": proc.returncode, "out": proc.stdout[-2000:]}

    def do_status(self, unit):
        return self._systemctl("status", unit)

    def do_restart(self, unit):
        return self._systemctl("restart", unit)

    def do_reload(self, unit):
        return self._systemctl("reload", unit)

    def dispatch(self, action, unit):
        if action not in self.ACTIONS or unit not in self.services:
            raise PermissionError(action)
        return getattr(self, "do_" + action)(unit)


controller = ServiceController(["nginx.service", "appliance-api.service", "redis.service"])


@app.route("/services/<unit>/<action>", methods=["POST"])
def control(unit, action):
    try:
        result = controller.dispatch(action, unit)
    except PermissionError:
        abort(403)
    return jsonify(result)
