"""Safe: the dict holds the client's file name under "requested", but only the constant entry
"default" is opened; the requested name is only counted."""

from flask import Flask, request

app = Flask(__name__)


@app.route("/exports/read")
def read_export():
    spec = {"requested": request.args.get("file", ""), "default": "/srv/exports/summary.csv"}
    with open(spec["default"], encoding="utf-8") as handle:
        lines = sum(1 for _ in handle)
    return {"lines": lines, "requested_length": len(spec["requested"])}
