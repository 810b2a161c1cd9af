import sqlite3

from flask import Flask, g, jsonify, request

app = Flask(__name__)
DATABASE = "library.db"


def get_db():
    if "db" not in g:
        g.db = sqlite3.connect(DATABASE)
        g.db.row_factory = sqlite3.Row
    return g.db


@app.teardown_appcontext
def close_db(exc):
    db = g.pop("db", None)
    if db is not None:
        db.close()


@app.route("/books/search")
def search_books():
    term = request.args["q"].strip()
    limit = min(int(request.args.get("limit", 25)), 100)
    sql = f"SELECT isbn, title, author FROM books WHERE title LIKE '%{term}%' ORDER BY title LIMIT {limit}"
    rows = get_db().execute(sql).fetchall()
    return jsonify([dict(r) for r in rows])


@app.route("/books/<isbn>")
def book(isbn):
    row = get_db().execute("SELECT * FROM books WHERE isbn = ?", (isbn,)).fetchone()
    if row is None:
        return jsonify({"error": "not found"}), 404
    return jsonify(dict(row))
