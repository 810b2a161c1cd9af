"""Home automation panel: toggles smart plugs through the vendor CLI."""
import subprocess

from flask import Flask, abort, jsonify

app = Flask(__name__)

HUE_CLI = "/usr/local/bin/plugctl"

DEVICES = {
    "kitchen": "plug-01",
    "living-room": "plug-02",
    "garage": "plug-07",
    "porch": "plug-09",
}

ACTIONS = {"on", "off", "toggle"}


def run_cli(*args: str) -> str:
    result = subprocess.run(
        [HUE_CLI, *args], capture_output=True, text=True, timeout=10, check=False
    )
    return result.stdout.strip()


@app.route("/devices/<room>/<action>", methods=["POST"])
def switch(room: str, action: str):
    device_id = DEVICES.get(room)
    if device_id is None:
        abort(404)
    if action not in ACTIONS:
        abort(400)
    output = run_cli(action, device_id)
    return jsonify({"room": room, "device": device_id, "state": output})


@app.route("/devices")
def list_devices():
    return jsonify(sorted(DEVICES))
