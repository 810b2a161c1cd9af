import sqlite3

from flask import Flask, request, jsonify

app = Flask(__name__)

SORT_COLUMNS = {"points", "wins", "name"}


class LeaderboardRepository:
    def __init__(self, path="/srv/club/league.db"):
        self.path = path

    def standings(self, division, order_by):
        query = (
            "SELECT name, played, wins, points FROM teams "
            "WHERE division = '" + division + "' "
            "ORDER BY " + order_by + " DESC"
        )
        with sqlite3.connect(self.path) as conn:
            return conn.execute(query).fetchall()


repo = LeaderboardRepository()


@app.route("/league/table")
def league_table():
    division = request.args.get("division", "Premier").strip()
    order_by = request.args.get("sort", "points")
    if order_by not in SORT_COLUMNS:
        order_by = "points"
    rows = repo.standings(division, order_by)
    return jsonify(division=division, table=[
        {"team": r[0], "played": r[1], "wins": r[2], "points": r[3]} for r in rows
    ])


if __name__ == "__main__":
    app.run()
