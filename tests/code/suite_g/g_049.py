"""Credit union: online banking sign-in, then back to the page the member came from."""
from flask import Flask, redirect, request, session

app = Flask(__name__)
app.secret_key = "dev-only"


def check_credentials(member, password):
    return bool(member) and len(password) >= 12


@app.route("/signin", methods=["POST"])
def signin():
    member = request.form.get("member", "")
    if not check_credentials(member, request.form.get("password", "")):
        return "invalid", 401
    session["member"] = member
    next_url = request.args.get("next") or "/accounts"
    return redirect(next_url)
