import re

from flask import Flask, request

app = Flask(__name__)
CATALOGUE = ["red kettle", "blue kettle", "green teapot"]


@app.route("/search")
def search():
    term = request.args.get("q", "")
    hits = [item for item in CATALOGUE if re.search(re.escape(term), item, re.IGNORECASE)]
    return {"hits": hits}
