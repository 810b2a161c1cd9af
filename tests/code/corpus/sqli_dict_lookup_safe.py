"""Safe: the request picks a key, and the table name comes from the TABLES dict, whose values
are constants; an unknown key raises KeyError."""

import sqlite3

from flask import Flask, request

app = Flask(__name__)
TABLES = {"books": "catalogue_books", "films": "catalogue_films", "music": "catalogue_music"}


@app.route("/catalogue/count")
def count():
    kind = request.args.get("kind", "books")
    table = TABLES[kind]
    with sqlite3.connect("library.db") as conn:
        total = conn.execute("SELECT COUNT(*) FROM " + table).fetchone()[0]
    return {"total": total}
