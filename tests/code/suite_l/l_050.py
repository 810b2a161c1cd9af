from flask import Flask, redirect, render_template, request, url_for

app = Flask(__name__)

LANDING_PAGES = {
    "dashboard": "dashboard",
    "builds": "builds",
    "settings": "settings",
}


@app.route("/go")
def go():
    key = request.args.get("to", "dashboard")
    endpoint = LANDING_PAGES.get(key)
    if endpoint is None:
        return redirect(url_for("dashboard"))
    return redirect(url_for(endpoint))


@app.route("/")
def dashboard():
    return render_template("dashboard.html")


@app.route("/builds")
def builds():
    return render_template("builds.html")


@app.route("/settings")
def settings():
    return render_template("settings.html")
