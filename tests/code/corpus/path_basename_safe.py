import os

from flask import Flask, request, send_file

app = Flask(__name__)


@app.route("/download")
def download():
    requested = os.path.basename(request.args["file"])
    return send_file(os.path.join("/srv/exports", requested))
