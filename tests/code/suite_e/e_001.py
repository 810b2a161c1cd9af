"""Water utility field console: check that a telemetry gateway answers."""
from flask import Flask, jsonify, request

from common.shellutil import run
from common.textutil import normalize, strip_controls

app = Flask(__name__)

GATEWAY_DOMAIN = "telemetry.riverbend-water.local"


def _gateway_host(raw):
    host = strip_controls(normalize(raw))
    if "." not in host:
        host = f"{host}.{GATEWAY_DOMAIN}"
    return host


@app.route("/gateways/ping", methods=["POST"])
def ping_gateway():
    host = _gateway_host(request.form.get("gateway", ""))
    output = run("ping -c 3 -W 2 %s" % host)
    reachable = " 0% packet loss" in output
    return jsonify(gateway=host, reachable=reachable)
