import json
import pickle

from flask import Flask, jsonify, request

app = Flask(__name__)

TEMPLATE = {"version": 2, "widgets": [], "layout": {"cols": 12}}


@app.route("/dashboards/clone", methods=["POST"])
def clone_dashboard():
    incoming = json.loads(request.get_data() or b"{}")
    base = pickle.loads(pickle.dumps(TEMPLATE))
    base["widgets"] = [w for w in incoming.get("widgets", []) if isinstance(w, dict)][:20]
    snapshot = pickle.dumps(base)
    copy = pickle.loads(snapshot)
    copy["title"] = str(incoming.get("title", "Untitled"))[:80]
    return jsonify(dashboard=copy)
