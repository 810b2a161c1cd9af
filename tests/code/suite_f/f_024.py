"""County court: judges' calendar preferences imported from YAML."""
import yaml
from flask import Flask, abort, jsonify, request

app = Flask(__name__)

LOADERS = {
    "default": yaml.SafeLoader,
    "strict": yaml.SafeLoader,
}


def load_preferences(text, profile):
    loader = LOADERS.get(profile)
    if loader is None:
        abort(400, "unknown profile")
    return yaml.load(text, Loader=loader)


@app.post("/judges/<judge_id>/calendar-preferences")
def import_preferences(judge_id):
    prefs = load_preferences(request.get_data(as_text=True), request.args.get("profile", "default"))
    return jsonify(judge=judge_id, blocked_days=prefs.get("blocked_days", []))
