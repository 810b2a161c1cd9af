from flask import Flask, request

app = Flask(__name__)


@app.route("/plugin")
def plugin():
    snippet = request.cookies.get("plugin", "")
    namespace = {}
    exec("result = " + snippet, namespace)
    return {"result": str(namespace.get("result"))}
