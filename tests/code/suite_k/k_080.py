"""Invitation acceptance for the school portal."""
import os
from datetime import datetime, timezone

from flask import Flask, abort, jsonify, request, session

from .repositories import InvitationRepository

app = Flask(__name__)
app.secret_key = os.environ["PORTAL_SECRET_KEY"]
invitations = InvitationRepository()


@app.get("/invite/accept")
def accept_invite():
    token = request.args.get("token", "")
    invite = invitations.find_by_token(token)
    if invite is None or invite.expires_at < datetime.now(timezone.utc):
        abort(404)
    if invite.used:
        abort(410)
    session["invited_email"] = invite.email
    session["invited_class"] = invite.class_id
    invitations.mark_used(invite.id)
    return jsonify(email=invite.email, next="/register")


@app.get("/register/prefill")
def registration_prefill():
    email = session.get("invited_email")
    if email is None:
        abort(403)
    return jsonify(email=email, class_id=session.get("invited_class"))
