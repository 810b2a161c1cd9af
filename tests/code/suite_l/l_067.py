import sqlite3
from contextlib import closing

from flask import Flask, jsonify, request

app = Flask(__name__)
DB = "/srv/clinic/clinic.db"


class AppointmentRepo:
    def __init__(self, path):
        self.path = path

    def for_patient(self, surname, day=None):
        sql = "SELECT id, patient, starts_at, room FROM appointments WHERE patient LIKE ?"
        params = [surname + "%"]
        if day:
            sql += " AND date(starts_at) = ?"
            params.append(day)
        sql += " ORDER BY starts_at"
        with closing(sqlite3.connect(self.path)) as conn:
            return conn.execute(sql, params).fetchall()


repo = AppointmentRepo(DB)


@app.route("/appointments", methods=["POST"])
def appointments():
    surname = request.form.get("surname", "").strip()
    day = request.form.get("day") or None
    rows = repo.for_patient(surname, day)
    return jsonify([
        {"id": r[0], "patient": r[1], "starts_at": r[2], "room": r[3]} for r in rows
    ])
