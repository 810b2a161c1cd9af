import base64
import pickle

from flask import Flask, jsonify, request

app = Flask(__name__)

DEFAULT_PREFS = {"theme": "light", "page_size": 20, "columns": ["title", "author"]}


def decode_prefs(blob):
    if not blob:
        return dict(DEFAULT_PREFS)
    raw = base64.urlsafe_b64decode(blob.encode("ascii"))
    prefs = pickle.loads(raw)
    merged = dict(DEFAULT_PREFS)
    merged.update(prefs)
    return merged


def encode_prefs(prefs):
    return base64.urlsafe_b64encode(pickle.dumps(prefs)).decode("ascii")


@app.route("/catalogue/prefs")
def show_prefs():
    prefs = decode_prefs(request.cookies.get("prefs", ""))
    return jsonify(prefs)


@app.route("/catalogue/prefs/export")
def export_prefs():
    prefs = decode_prefs(request.cookies.get("prefs", ""))
    return jsonify({"blob": encode_prefs(prefs)})


if __name__ == "__main__":
    app.run()
