from urllib.parse import urlparse

from flask import Flask, redirect, render_template, request, url_for

app = Flask(__name__)
app.config["TRUSTED_HOSTS"] = {"clinic.example.org", "portal.clinic.example.org"}


def is_trusted(target: str) -> bool:
    parsed = urlparse(target)
    if parsed.scheme != "https":
        return False
    return parsed.netloc in app.config["TRUSTED_HOSTS"]


@app.route("/logout")
def logout():
    target = request.args.get("return", "")
    if not is_trusted(target):
        return redirect(url_for("goodbye"))
    return redirect(target)


@app.route("/goodbye")
def goodbye():
    return render_template("goodbye.html")


@app.route("/appointments/done")
def appointments_done():
    back = request.values.get("back", "")
    return redirect(back if is_trusted(back) else url_for("goodbye"))
