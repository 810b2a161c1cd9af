import os
from datetime import datetime, timezone

from flask import Flask, jsonify, request, session

app = Flask(__name__)
app.secret_key = os.environ["PERMITS_SECRET"]

FAQ = {
    "fees": "Fees depend on the size of the works.",
    "timeline": "Most permits are decided within six weeks.",
    "appeal": "Appeals go to the planning committee.",
}


@app.route("/help")
def help_topic():
    topic = request.args.get("topic", "fees")
    session["seen_help"] = True
    session["help_seen_at"] = datetime.now(timezone.utc).isoformat()
    answer = FAQ.get(topic)
    if answer is None:
        return jsonify({"topics": sorted(FAQ)}), 404
    return jsonify({"topic": topic, "answer": answer})


@app.route("/help/banner")
def banner():
    return jsonify({"show_banner": not session.get("seen_help", False)})
