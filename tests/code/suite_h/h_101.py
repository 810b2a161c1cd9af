"""Profile page for the community site."""
import html
import re

from flask import Flask, request, jsonify

app = Flask(__name__)
PROFILES = {}


def h(value):
    return html.escape(str(value), quote=True)


def web_link(url):
    url = url.strip()
    if not re.match(r"https?://", url, re.IGNORECASE):
        return ""
    return url


@app.route("/profile", methods=["POST"])
def save_profile():
    body = request.get_json(force=True)
    PROFILES[body["handle"]] = {"bio": body.get("bio", ""), "site": web_link(body.get("site", ""))}
    return jsonify({"ok": True})


@app.route("/u/<handle>")
def show_profile(handle):
    p = PROFILES.get(handle, {"bio": "", "site": ""})
    return """<article>
  <h1>@{handle}</h1>
  <p class="bio">{bio}</p>
  <a href="{site}" rel="nofollow">{site}</a>
</article>""".format(handle=h(handle), bio=h(p["bio"]), site=h(p["site"]))
