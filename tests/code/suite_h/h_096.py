"""Balance enquiry for the prepaid card kiosk (accounts kept in XML)."""
from flask import Flask, request, jsonify
from lxml import etree

app = Flask(__name__)

ACCOUNTS = etree.parse("cards.xml")


class CardRepository:
    def __init__(self, doc):
        self.doc = doc

    def balance(self, card, pin):
        query = "//account[@card='" + card + "' and @pin='" + pin + "']/balance/text()"
        hits = self.doc.xpath(query)
        return hits[0] if hits else None


repo = CardRepository(ACCOUNTS)


@app.route("/kiosk/balance", methods=["POST"])
def balance():
    card = request.form.get("card", "")
    pin = request.form.get("pin", "")
    value = repo.balance(card, pin)
    if value is None:
        return jsonify({"error": "card or PIN wrong"}), 403
    return jsonify({"card": card[-4:], "balance": str(value)})
