"""Team invitations for the ticketing tool."""
import random
import time
from typing import Iterator

from flask import Flask, jsonify, request

from .models import Invitation, db

app = Flask(__name__)


class NonceSource:
    def __init__(self, seed=None):
        self._rng = random.Random(seed if seed is not None else time.time())

    def stream(self, length=20) -> Iterator[str]:
        alphabet = "abcdefghijkmnpqrstuvwxyz23456789"
        while True:
            yield "".join(self._rng.choice(alphabet) for _ in range(length))


nonces = NonceSource().stream()


@app.post("/teams/<int:team_id>/invitations")
def invite(team_id):
    emails = [e.strip().lower() for e in request.form.get("emails", "").split(",") if e.strip()]
    created = []
    for email in emails[:20]:
        inv = Invitation(team_id=team_id, email=email, nonce=next(nonces))
        db.session.add(inv)
        created.append({"email": email, "link": f"/join?nonce={inv.nonce}"})
    db.session.commit()
    return jsonify(invitations=created), 201
