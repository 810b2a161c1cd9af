from flask import Flask, request, send_file

app = Flask(__name__)


@app.route("/download")
def download():
    requested = request.args["file"]
    target = "/srv/exports/" + requested
    return send_file(target)
