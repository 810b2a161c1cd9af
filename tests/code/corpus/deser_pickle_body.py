import base64
import pickle

from flask import Flask, request

app = Flask(__name__)


@app.route("/session", methods=["POST"])
def restore():
    blob = base64.b64decode(request.get_data())
    state = pickle.loads(blob)
    return {"keys": sorted(state)}
