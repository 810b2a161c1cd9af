import os

from flask import Flask, request, session, jsonify

app = Flask(__name__)
app.secret_key = os.environ["CITSCI_SECRET"]
app.config["SESSION_COOKIE_SECURE"] = True


def _reviewer_context(values):
    project = values.get("project", "")
    teams = values.getlist("team")
    return {"project": project, "teams": teams}


def _store_context(ctx):
    session["review_project"] = ctx["project"]
    session["review_teams"] = ctx["teams"]


@app.route("/review/start", methods=["GET", "POST"])
def start_review():
    if "volunteer_id" not in session:
        return jsonify(error="login required"), 401
    _store_context(_reviewer_context(request.values))
    return jsonify(project=session["review_project"], teams=session["review_teams"])


@app.route("/review/queue")
def review_queue():
    from citsci.review import pending_for
    items = pending_for(session.get("review_project"), session.get("review_teams", []))
    return jsonify(items=items)


if __name__ == "__main__":
    app.run()
