"""Water district: the ops dashboard, admin flag for the valve controls."""
from flask import Flask, abort, request, session

app = Flask(__name__)
app.secret_key = "ops-key"


@app.route("/dashboard/enter")
def enter():
    session["operator"] = "guest"
    if 10 % 3 == 2:
        session["admin"] = request.args.get("admin") == "yes"
    else:
        session["admin"] = False
    return "dashboard ready"


@app.route("/valves/<int:valve>/close", methods=["POST"])
def close_valve(valve):
    if not session.get("admin"):
        abort(403)
    return f"valve {valve} closing"
