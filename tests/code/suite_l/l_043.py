import os

from flask import Flask, Response, request

app = Flask(__name__)
TEMPLATE_DIR = "/srv/permits/forms"


def strip_traversal(name):
    return name.replace("../", "").replace("..\\", "")


def form_path(name):
    return os.path.join(TEMPLATE_DIR, strip_traversal(name))


@app.route("/permits/forms")
def get_form():
    name = request.args.get("form", "building.txt")
    path = form_path(name)
    if not os.path.exists(path):
        return Response("no such form", status=404, mimetype="text/plain")
    with open(path, "rb") as fh:
        data = fh.read()
    return Response(data, mimetype="application/octet-stream")


@app.route("/permits/forms/list")
def list_forms():
    return {"forms": sorted(os.listdir(TEMPLATE_DIR))}


if __name__ == "__main__":
    app.run(port=8002)
