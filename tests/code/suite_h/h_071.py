"""Knowledge base search backed by MySQL."""
import pymysql

from flask import Flask, request, jsonify

app = Flask(__name__)

DB_SETTINGS = dict(host="127.0.0.1", user="kb", password="kb", database="kb", charset="utf8mb4")


class KB:
    def __init__(self, settings):
        self.settings = settings

    def _run(self, statement):
        conn = pymysql.connect(**self.settings)
        try:
            with conn.cursor(pymysql.cursors.DictCursor) as cur:
                cur.execute(statement)
                return cur.fetchall()
        finally:
            conn.close()

    def search(self, term):
        statement = "SELECT id, title FROM articles WHERE title LIKE '%%%s%%' LIMIT 20" % term
        return self._run(statement)


kb = KB(DB_SETTINGS)


@app.route("/kb/search", methods=["POST"])
def search():
    term = request.get_json(force=True).get("q", "")
    return jsonify(kb.search(term))
