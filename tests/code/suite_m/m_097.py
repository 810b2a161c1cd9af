import sqlite3

from flask import Flask, request

app = Flask(__name__)
DB = "/srv/club/members.db"

PAGE = """<!doctype html>
<html><head><title>Member search</title></head>
<body>
<h1>Results for {query}</h1>
<ul>{items}</ul>
</body></html>"""


def find_members(term):
    with sqlite3.connect(DB) as conn:
        return conn.execute(
            "SELECT first_name, last_name, team FROM members "
            "WHERE last_name LIKE ? ORDER BY last_name LIMIT 25",
            (term + "%",),
        ).fetchall()


@app.route("/members/search")
def member_search():
    q = request.args.get("q", "")
    rows = find_members(q)
    items = "".join(
        "<li>%s %s (%s)</li>" % tuple(str(col).replace("<", "&lt;") for col in row)
        for row in rows
    )
    return PAGE.format(query=q, items=items or "<li>No members found</li>")


if __name__ == "__main__":
    app.run()
