"""Vulnerable: comma-separated tags are split, quoted by hand and joined into an IN (...) list;
a tag containing a quote breaks out of it."""

import sqlite3

from flask import Flask, request

app = Flask(__name__)


@app.route("/articles/tagged")
def tagged():
    raw = request.args.get("tags", "")
    quoted = ", ".join("'" + tag.strip() + "'" for tag in raw.split(","))
    sql = "SELECT id FROM articles WHERE tag IN (" + quoted + ")"
    with sqlite3.connect("cms.db") as conn:
        return {"count": len(conn.execute(sql).fetchall())}
