"""Event registrations stored in PostgreSQL through SQLAlchemy."""
import os

from flask import Flask, request, jsonify
from sqlalchemy import create_engine, text

app = Flask(__name__)
engine = create_engine(os.environ.get("DATABASE_URL", "postgresql+psycopg://app@localhost/events"))

ATTENDEES = text(
    "SELECT a.name, a.email, r.created_at FROM registrations r "
    "JOIN attendees a ON a.id = r.attendee_id "
    "WHERE r.event_slug = :slug AND a.email ILIKE :pattern ORDER BY r.created_at"
)


@app.route("/events/<slug>/attendees")
def attendees(slug):
    pattern = request.args.get("email", "") + "%"
    with engine.connect() as conn:
        rows = conn.execute(ATTENDEES, {"slug": slug, "pattern": pattern}).mappings().all()
    return jsonify([dict(r) for r in rows])


@app.route("/events/<slug>/register", methods=["POST"])
def register(slug):
    data = request.get_json()
    with engine.begin() as conn:
        conn.execute(
            text("INSERT INTO attendees (name, email) VALUES (:n, :e) ON CONFLICT DO NOTHING"),
            {"n": data["name"], "e": data["email"]},
        )
    return jsonify({"registered": data["email"]}), 201
