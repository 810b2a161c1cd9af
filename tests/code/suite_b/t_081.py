from flask import Flask, jsonify, request

from lib.db import connect
from lib.repositories import UserRepository
from lib.services import UserService

app = Flask(__name__)


@app.get("/admin/users")
def user_search():
    term = request.args.get("q", "")
    if len(term) < 2:
        return jsonify(results=[]), 400
    with connect() as conn:
        service = UserService(UserRepository(conn))
        users = service.search(term)
    return jsonify(results=[{"id": u.id, "name": u.name} for u in users])
