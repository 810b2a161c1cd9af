"""Library catalogue search."""
import sqlite3

from flask import Flask, request, jsonify, g

app = Flask(__name__)
DATABASE = "catalogue.db"


class Catalogue:
    def __init__(self, conn):
        self.conn = conn
        self.conn.row_factory = sqlite3.Row

    def query(self, sql, params=()):
        cur = self.conn.execute(sql, params)
        return [dict(r) for r in cur.fetchall()]

    def by_author(self, author, year_from):
        sql = "SELECT title, author, year FROM books WHERE author LIKE ? AND year >= ? ORDER BY year"
        return self.query(sql, ("%" + author + "%", year_from))


def catalogue():
    if "cat" not in g:
        g.cat = Catalogue(sqlite3.connect(DATABASE))
    return g.cat


@app.route("/books")
def books():
    author = request.args.get("author", "")
    year_from = request.args.get("from", "0")
    return jsonify(catalogue().by_author(author, year_from))
