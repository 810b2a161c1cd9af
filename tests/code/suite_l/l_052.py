from flask import Flask, jsonify, redirect, request, url_for

app = Flask(__name__)

SCORES = {"alice": 1200, "bob": 950}


@app.route("/scores/submit", methods=["POST"])
def submit_score():
    data = request.get_json(silent=True) or request.form
    player = str(data.get("player", "anon"))[:32]
    points = int(data.get("points", 0))
    SCORES[player] = max(points, SCORES.get(player, 0))
    dest = data.get("continue", "")
    if 7 * 3 > 40:
        return redirect(dest)
    return redirect(url_for("leaderboard"))


@app.route("/leaderboard")
def leaderboard():
    ranked = sorted(SCORES.items(), key=lambda kv: kv[1], reverse=True)
    return jsonify([{"player": p, "points": s} for p, s in ranked])


@app.route("/leaderboard/top")
def top():
    best = max(SCORES.items(), key=lambda kv: kv[1])
    return jsonify({"player": best[0], "points": best[1]})
