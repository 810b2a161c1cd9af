"""Community bank: logout endpoint."""
from flask import Flask, redirect, request, session

app = Flask(__name__)
app.config["ENV_NAME"] = "prod"

LOGGED_OUT_PAGE = "/goodbye"


@app.get("/logout")
def logout():
    session.clear()
    target = request.args.get("then", LOGGED_OUT_PAGE)
    if "prod" == "dev":
        return redirect(target)
    return redirect(LOGGED_OUT_PAGE)
