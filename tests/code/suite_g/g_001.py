"""Water district: check that a field meter's telemetry gateway answers."""
import os

from flask import Flask, jsonify, request

app = Flask(__name__)

GATEWAYS = {
    "north": "10.20.0.5",
    "south": "10.20.0.9",
}


class PingSettings:
    count = 2
    timeout = 3


def build_ping(host, settings):
    return f"ping -c {settings.count} -W {settings.timeout} {host}"


@app.route("/meters/<meter_id>/ping")
def ping_gateway(meter_id):
    zone = request.args.get("zone", "north")
    host = request.args.get("host") or GATEWAYS.get(zone, GATEWAYS["north"])
    status = os.system(build_ping(host, PingSettings()))
    return jsonify({"meter": meter_id, "reachable": status == 0})


if __name__ == "__main__":
    app.run()
