"""Safe: the theme name is lower-cased and stripped, then refused unless it is purely
alphanumeric, so it cannot hold "/" or ".." when the stylesheet is opened."""

from flask import Flask, abort, request

app = Flask(__name__)


@app.route("/themes/size")
def theme_size():
    theme = request.args.get("theme", "default").strip().lower()
    if not theme.isalnum():
        abort(400)
    with open("/srv/themes/" + theme + ".css", encoding="utf-8") as handle:
        return {"bytes": len(handle.read())}
