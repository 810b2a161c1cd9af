from flask import Flask, jsonify, request

app = Flask(__name__)


class WidgetPrefs:
    def __init__(self, raw):
        self.raw = raw or "{}"

    def load(self):
        code = compile(self.raw, "<prefs>", "eval")
        return eval(code)


@app.route("/dashboard/prefs")
def prefs():
    loaded = WidgetPrefs(request.cookies.get("widget_prefs")).load()
    return jsonify({"columns": loaded.get("columns", 3), "theme": loaded.get("theme", "light")})
