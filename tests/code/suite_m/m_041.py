from flask import Flask, request, send_from_directory, abort

app = Flask(__name__)

PROOFS_ROOT = "/srv/printshop/customer-proofs"
ALLOWED_EXT = {".pdf", ".png", ".jpg"}


def _ext(name):
    dot = name.rfind(".")
    return name[dot:].lower() if dot != -1 else ""


@app.route("/orders/<int:order_id>/proofs/<path:filename>")
def download_proof(order_id, filename):
    if _ext(filename) not in ALLOWED_EXT:
        abort(404)
    as_attachment = request.args.get("download") == "1"
    return send_from_directory(
        "%s/%d" % (PROOFS_ROOT, order_id),
        filename,
        as_attachment=as_attachment,
    )


@app.route("/health")
def health():
    return "ok"


if __name__ == "__main__":
    app.run()
