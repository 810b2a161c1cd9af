from flask import Flask, send_from_directory

app = Flask(__name__)
app.config["DOCS_ROOT"] = "/srv/app/public_docs"


@app.route("/docs/<path:page>")
def docs(page):
    response = send_from_directory(app.config["DOCS_ROOT"], page)
    response.headers["Cache-Control"] = "public, max-age=600"
    return response


@app.route("/docs/")
def docs_index():
    return send_from_directory(app.config["DOCS_ROOT"], "index.html")
