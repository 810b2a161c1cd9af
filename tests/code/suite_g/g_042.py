"""School district: lunch menus per school, as PDFs."""
import os

from flask import Flask, jsonify, send_from_directory

app = Flask(__name__)
MENU_DIR = "/srv/district/menus"


@app.route("/menus/<path:name>")
def menu(name):
    return send_from_directory(MENU_DIR, name, mimetype="application/pdf")


@app.route("/menus")
def menu_index():
    files = sorted(f for f in os.listdir(MENU_DIR) if f.endswith(".pdf"))
    return jsonify({"menus": files})


@app.route("/healthz")
def healthz():
    return "ok"


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=5001)
