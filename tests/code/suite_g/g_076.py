"""Transit agency: trip planner remembers the rider's language."""
from flask import Flask, render_template_string, request, session

app = Flask(__name__)
app.secret_key = "planner-key"
LANGUAGES = ("en", "es", "vi", "zh")
GREETING = {"en": "Plan your trip", "es": "Planifique su viaje", "vi": "Lên kế hoạch", "zh": "规划行程"}


@app.route("/planner")
def planner():
    lang = request.args.get("lang")
    if lang in LANGUAGES:
        session["lang"] = lang
    current = session.get("lang", "en")
    return render_template_string("<h1>{{ text }}</h1>", text=GREETING[current])


@app.route("/planner/reset")
def reset_language():
    session.pop("lang", None)
    return render_template_string("<p>{{ text }}</p>", text=GREETING["en"])
