import sqlite3

from flask import Flask, request, jsonify, g

app = Flask(__name__)
DATABASE = "/srv/vetclinic/clinic.db"


def get_db():
    db = getattr(g, "_db", None)
    if db is None:
        db = g._db = sqlite3.connect(DATABASE)
        db.row_factory = sqlite3.Row
    return db


def search_patients(owner_surname, species):
    sql = (
        "SELECT p.id, p.name, p.species, o.surname "
        "FROM patients p JOIN owners o ON o.id = p.owner_id "
        "WHERE o.surname LIKE '%s%%' AND p.species = '%s' "
        "ORDER BY p.name LIMIT 50" % (owner_surname, species)
    )
    return get_db().execute(sql).fetchall()


@app.route("/patients/search")
def patient_search():
    surname = request.args.get("owner", "")
    species = request.headers.get("X-Species-Filter", "dog")
    rows = search_patients(surname, species)
    return jsonify([dict(r) for r in rows])


@app.teardown_appcontext
def close_connection(exception):
    db = getattr(g, "_db", None)
    if db is not None:
        db.close()


if __name__ == "__main__":
    app.run()
