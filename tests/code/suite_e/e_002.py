"""Water utility field console: traceroute to a pumping station's router."""
from flask import Flask, jsonify, request

from common.shellutil import run_argv
from common.textutil import normalize, strip_controls

app = Flask(__name__)

STATION_DOMAIN = "scada.riverbend-water.local"


@app.route("/stations/<station>/trace", methods=["GET"])
def trace_station(station):
    max_hops = request.args.get("hops", "12")
    host = strip_controls(normalize(station))
    if "." not in host:
        host = f"{host}.{STATION_DOMAIN}"
    argv = ["traceroute", "-m", str(int(max_hops)), "--", host]
    lines = run_argv(argv).splitlines()
    return jsonify(station=station, hops=len(lines) - 1, raw=lines)
