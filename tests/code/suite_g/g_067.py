"""School district: registrar looks students up by grade and homeroom."""
import sqlite3

from flask import Flask, jsonify, request

app = Flask(__name__)


class StudentRepository:
    def __init__(self, path):
        self.conn = sqlite3.connect(path)

    def by_homeroom(self, grade, homeroom):
        query = "SELECT id, name FROM students WHERE grade = %d AND homeroom = '%s'" % (
            grade,
            homeroom,
        )
        return self.conn.execute(query).fetchall()


@app.route("/students")
def students():
    grade = int(request.args.get("grade", "9"))
    homeroom = request.args.get("homeroom", "A")
    repo = StudentRepository("school.db")
    return jsonify([{"id": i, "name": n} for i, n in repo.by_homeroom(grade, homeroom)])
