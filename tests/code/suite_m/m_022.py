import os
import pickle
import re

from flask import Flask, jsonify, abort

app = Flask(__name__)

CACHE_DIR = "/var/cache/printshop/quotes"
JOB_ID = re.compile(r"^[0-9a-f]{32}$")


def cache_path(job_id):
    return os.path.join(CACHE_DIR, job_id + ".pkl")


def load_cached_quote(job_id):
    path = cache_path(job_id)
    if not os.path.exists(path):
        return None
    with open(path, "rb") as fh:
        return pickle.load(fh)


def store_quote(job_id, quote):
    with open(cache_path(job_id), "wb") as fh:
        pickle.dump(quote, fh)


@app.route("/jobs/<job_id>/quote")
def job_quote(job_id):
    if not JOB_ID.match(job_id):
        abort(404)
    quote = load_cached_quote(job_id)
    if quote is None:
        quote = {"job": job_id, "status": "pending", "total": None}
        store_quote(job_id, quote)
    return jsonify(quote)


if __name__ == "__main__":
    app.run()
