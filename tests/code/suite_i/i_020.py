"""Report cache backed by a shelve file that only the nightly job writes."""
import shelve

from flask import Flask, request, jsonify

app = Flask(__name__)
CACHE_PATH = "/var/cache/reports/summary"
REPORTS = {"daily", "weekly", "monthly"}


def cached_report(name):
    with shelve.open(CACHE_PATH, flag="r") as db:
        return db.get(name)


def rebuild_cache(results):
    # called by the scheduler, never from a request
    with shelve.open(CACHE_PATH) as db:
        for name, data in results.items():
            db[name] = data


@app.route("/reports")
def report():
    name = request.args.get("period", "daily")
    if name not in REPORTS:
        return jsonify(error="unknown period"), 404
    data = cached_report(name)
    if data is None:
        return jsonify(error="not built yet"), 503
    return jsonify(period=name, data=data)
