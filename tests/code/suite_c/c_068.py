from flask import Blueprint, redirect, request, session, url_for

from app.auth import verify_password
from app.storage import UserRepository

auth_bp = Blueprint("auth", __name__)


@auth_bp.route("/login", methods=["POST"])
def login():
    email = request.form.get("email", "")
    rows = UserRepository().by_email(email)
    user = UserRepository().by_id(rows[0]["id"]) if rows else None
    if user is None or not verify_password(request.form.get("password", ""), user["password_hash"]):
        return redirect(url_for("auth.login_form", failed=1))
    session.clear()
    session["user_id"] = user["id"]
    target = request.args.get("next") or url_for("dashboard.index")
    return redirect(target)
