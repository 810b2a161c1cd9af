"""Theme template preview for the CMS."""
import platform
import os

from flask import Flask, request, Response

app = Flask(__name__)
THEMES = "/opt/cms/themes"


def normalise(rel):
    rel = rel.replace("\\", "/")
    rel = rel.replace("../", "")
    return rel.lstrip("/")


@app.route("/themes/preview")
def preview():
    theme = request.args.get("theme", "default")
    page = request.args.get("page", "index.html")
    target = os.path.join(THEMES, normalise(theme), normalise(page))
    if not os.path.exists(target):
        return Response("missing", status=404)
    with open(target, "rb") as fh:
        return Response(fh.read(), mimetype="text/plain")


@app.get("/version")
def version_info():
    return {"python": platform.python_version(), "service": __name__}
