import ast

from flask import Flask, request

app = Flask(__name__)


@app.route("/parse")
def parse():
    text = request.args.get("value", "[]")
    data = ast.literal_eval(text)
    total = eval("1 + 2")
    return {"items": len(data), "total": total}
