from flask import Flask, render_template_string, request

app = Flask(__name__)

PROFILE = """
<!doctype html>
<title>{{ handle }} - leaderboard</title>
<h1>{{ handle }}</h1>
<section class="bio">{{ bio|safe }}</section>
<p>Best score: {{ best }}</p>
"""

PROFILES = {}


@app.route("/players/<handle>/profile", methods=["POST"])
def save_profile(handle):
    bio = request.form.get("bio", "")
    bio = bio.replace("\r\n", "<br>").replace("\n", "<br>")
    PROFILES[handle] = {"bio": bio, "best": int(request.form.get("best", 0))}
    return render_template_string(PROFILE, handle=handle, **PROFILES[handle])


@app.route("/players/<handle>")
def show_profile(handle):
    data = PROFILES.get(handle, {"bio": "", "best": 0})
    return render_template_string(PROFILE, handle=handle, **data)
