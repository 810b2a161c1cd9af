"""Organisation switcher for multi-tenant accounts."""
import os

from flask import Flask, abort, jsonify, request, session
from flask_login import current_user, login_required

from .models import Membership

app = Flask(__name__)
app.secret_key = os.environ["APP_SECRET_KEY"]


class MembershipService:
    def find(self, user_id, org_id):
        return Membership.query.filter_by(user_id=user_id, org_id=org_id, active=True).first()


memberships = MembershipService()


@app.post("/orgs/switch")
@login_required
def switch_org():
    requested = request.form.get("org_id", type=int)
    if requested is None:
        abort(400)
    membership = memberships.find(current_user.id, requested)
    if membership is None:
        abort(403)
    session["org_id"] = membership.org_id
    session["org_role"] = membership.role
    return jsonify({"org_id": membership.org_id, "role": membership.role})
