import hashlib
import os

from flask import Flask, request, send_file, abort, make_response

app = Flask(__name__)

PROOF_DIR = "/srv/printshop/proofs"
PROOFS = {
    "business-cards": "business_cards_v2.pdf",
    "flyer-a5": "flyer_a5.pdf",
    "poster-a2": "poster_a2.pdf",
}


def etag_for(path):
    digest = hashlib.md5()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(65536), b""):
            digest.update(chunk)
    return digest.hexdigest()


@app.route("/proofs/<product>")
def proof(product):
    name = PROOFS.get(product)
    if name is None:
        abort(404)
    path = os.path.join(PROOF_DIR, name)
    tag = etag_for(path)
    if request.headers.get("If-None-Match", "").strip('"') == tag:
        return make_response("", 304)
    resp = send_file(path, mimetype="application/pdf")
    resp.set_etag(tag)
    resp.headers["Cache-Control"] = "public, max-age=300"
    return resp


if __name__ == "__main__":
    app.run()
