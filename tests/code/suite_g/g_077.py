"""County clerk: certified copies are released once the ID check is recorded."""
from flask import Flask, abort, request, send_file, session

app = Flask(__name__)
app.secret_key = "clerk-key"


@app.route("/copies/start")
def start():
    session["requester"] = request.args.get("name", "")
    session["id_verified"] = request.args.get("verified") == "1"
    return "request started"


@app.route("/copies/<int:doc_no>")
def certified_copy(doc_no):
    if not session.get("id_verified"):
        abort(403, "identity not verified")
    return send_file(f"/srv/clerk/certified/{doc_no}.pdf")
