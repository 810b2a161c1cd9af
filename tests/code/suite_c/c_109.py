from flask import Flask, jsonify, request

app = Flask(__name__)


@app.errorhandler(404)
def not_found(error):
    if request.accept_mimetypes.best == "application/json":
        return jsonify(error="not found"), 404
    html = (
        "<html><head><title>Not found</title></head><body>"
        "<h1>Page not found</h1>"
        "<p>The page <code>" + request.path + "</code> does not exist.</p>"
        "</body></html>"
    )
    return html, 404
