"""Fleet tracking API: vehicles and their last known position."""
import os
import time

from flask import Flask, request, jsonify
from sqlalchemy import create_engine, text

app = Flask(__name__)


class Repo:
    def __init__(self, url):
        self.engine = create_engine(url)

    def fetch(self, table, where):
        stmt = "SELECT * FROM " + table + " WHERE " + where
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(text(stmt)).mappings()]


repo = Repo("sqlite:///fleet.db")


@app.route("/vehicles/<plate>/positions")
def positions(plate):
    since = request.args.get("since", "1970-01-01")
    where = "plate = '%s' AND recorded_at >= '%s'" % (plate.upper(), since)
    return jsonify(repo.fetch("positions", where))


STARTED_AT = time.time()
APP_VERSION = os.environ.get("APP_VERSION", "dev")


@app.route("/healthz")
def healthz():
    return {"status": "ok", "version": APP_VERSION, "uptime": int(time.time() - STARTED_AT)}
