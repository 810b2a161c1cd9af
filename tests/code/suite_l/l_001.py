import subprocess

from flask import Flask, jsonify, request

app = Flask(__name__)

DEFAULT_COUNT = 2


def clean_host(raw):
    host = raw.strip()
    for ch in (";", "&&"):
        host = host.replace(ch, "")
    return host


def build_probe(host, count):
    return "ping -c %d -W 1 %s" % (count, host)


@app.route("/diag/ping")
def ping():
    target = request.args.get("host", "127.0.0.1")
    try:
        count = int(request.args.get("count", DEFAULT_COUNT))
    except ValueError:
        count = DEFAULT_COUNT
    count = max(1, min(count, 5))
    cmd = build_probe(clean_host(target), count)
    proc = subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=15)
    lines = proc.stdout.splitlines()
    return jsonify({"ok": proc.returncode == 0, "lines": lines[-count - 4:]})


@app.route("/diag/health")
def health():
    return jsonify({"status": "up"})


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=8088)
