"""Safe: the request only decides whether a flag is set; the key and the value written into
the session are both constants."""

from flask import Flask, request, session

app = Flask(__name__)
app.secret_key = "replace-me"


@app.route("/consent", methods=["POST"])
def record_consent():
    accepted = request.form.get("accept") == "yes"
    if accepted:
        session["cookie_consent"] = "granted"
    else:
        session.pop("cookie_consent", None)
    return {"recorded": True}
