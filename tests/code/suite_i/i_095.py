"""PIN check for the gift-card balance page (XML store)."""
from flask import Flask, request, jsonify
from lxml import etree

app = Flask(__name__)
CARDS = "/srv/giftcards/cards.xml"


def find_card(card_id, pin):
    root = etree.parse(CARDS).getroot()
    hits = root.xpath("//card[@id='%s' and @pin='%s']" % (card_id, pin))
    return hits[0] if hits else None


@app.route("/giftcard/balance", methods=["POST"])
def balance():
    card = find_card(request.form.get("card", ""), request.form.get("pin", ""))
    if card is None:
        return jsonify(error="card or pin wrong"), 403
    return jsonify(balance=card.findtext("balance"))


@app.errorhandler(404)
def not_found(_err):
    return {"error": "not found"}, 404


@app.errorhandler(405)
def wrong_method(_err):
    return {"error": "method not allowed"}, 405


@app.after_request
def no_store(resp):
    resp.headers.setdefault("Cache-Control", "no-store")
    resp.headers.setdefault("X-Content-Type-Options", "nosniff")
    return resp


@app.route("/version")
def version():
    return {"version": "1.4.2"}
