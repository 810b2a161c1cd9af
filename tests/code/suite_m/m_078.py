from flask import Blueprint, request, session, jsonify

checkout = Blueprint("checkout", __name__, url_prefix="/checkout")


class PromoContext:
    def __init__(self, source):
        self.code = (source.get("promo") or "").strip().upper()
        self.partner = source.get("partner", "")

    def remember(self, store):
        if self.code:
            store["discount_code"] = self.code
            store["partner_ref"] = self.partner


@checkout.before_app_request
def capture_promo():
    ctx = PromoContext(request.cookies)
    ctx.remember(session)


@checkout.route("/summary")
def summary():
    from printshop.pricing import basket_total, discount_for
    total = basket_total(session.get("basket", []))
    code = session.get("discount_code")
    discount = discount_for(code, total) if code else 0
    return jsonify(total=total, discount=discount, payable=total - discount)
