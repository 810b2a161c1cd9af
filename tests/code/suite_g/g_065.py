"""Clinic: front desk searches appointments by patient surname."""
import sqlite3

from flask import Flask, jsonify, request

app = Flask(__name__)


def get_db():
    conn = sqlite3.connect("clinic.db")
    conn.row_factory = sqlite3.Row
    return conn


@app.route("/appointments/search")
def search_appointments():
    surname = request.args.get("surname", "")
    day = request.args.get("day", "2024-01-01")
    sql = f"SELECT id, surname, slot FROM appointments WHERE surname LIKE '{surname}%' AND day = ?"
    rows = get_db().execute(sql, (day,)).fetchall()
    return jsonify([dict(r) for r in rows])
