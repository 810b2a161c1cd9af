import os

from flask import Flask, request, session, jsonify, abort

app = Flask(__name__)
app.secret_key = os.environ["CLINIC_SECRET_KEY"]
app.config["SESSION_COOKIE_SECURE"] = True

CLINIC_BRANCHES = {"northgate", "riverside", "old-town"}


def chosen_branch(form):
    value = form.get("branch", "").strip().lower()
    if value not in CLINIC_BRANCHES:
        return None
    return value


@app.route("/reception/branch", methods=["POST"])
def set_branch():
    if "staff_id" not in session:
        abort(401)
    branch = chosen_branch(request.form)
    if branch is None:
        return jsonify(error="unknown branch"), 400
    session["branch"] = branch
    return jsonify(branch=branch)


@app.route("/reception/queue")
def waiting_queue():
    branch = session.get("branch", "northgate")
    from clinic.queue import waiting_at
    return jsonify(branch=branch, waiting=waiting_at(branch))


if __name__ == "__main__":
    app.run()
