from flask import Flask, redirect, request

app = Flask(__name__)

DESTINATIONS = {
    "home": "/",
    "profile": "/account/profile",
    "billing": "/account/billing",
}


@app.route("/go")
def go():
    key = request.args.get("to", "home")
    target = DESTINATIONS.get(key, "/")
    return redirect(target)
