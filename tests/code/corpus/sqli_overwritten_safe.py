import sqlite3

from flask import Flask, request

app = Flask(__name__)


@app.route("/meters")
def meters():
    region = request.args["region"]
    region = "north"
    sql = "SELECT id FROM meters WHERE region = '" + region + "'"
    return {"rows": sqlite3.connect("grid.db").execute(sql).fetchall()}
