import sqlite3

from flask import Flask, jsonify, request

app = Flask(__name__)
DB_PATH = "/var/lib/leaderboard/scores.db"


def quote(value):
    return "'%s'" % value.replace("'", "''")


def build_query(season, order):
    return (
        "SELECT player, score, level FROM scores WHERE season = %s ORDER BY %s DESC LIMIT 50"
        % (quote(season), order)
    )


def run(sql):
    conn = sqlite3.connect(DB_PATH)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


@app.route("/scores")
def scores():
    season = request.args.get("season", "2024")
    order = request.args.get("order", "score")
    rows = run(build_query(season, order))
    return jsonify([{"player": p, "score": s, "level": l} for p, s, l in rows])


@app.route("/scores/seasons")
def seasons():
    rows = run("SELECT DISTINCT season FROM scores ORDER BY season")
    return jsonify([r[0] for r in rows])
