from flask import Flask, request, redirect, jsonify

app = Flask(__name__)


class CheckoutFlow:
    default_next = "/orders/thanks"

    def __init__(self, order_id, continue_url=None):
        self.order_id = order_id
        self.continue_url = (continue_url or "").strip() or self.default_next

    def finish(self):
        record_completion(self.order_id)
        return self.continue_url


def record_completion(order_id):
    from printshop.analytics import track
    track("checkout_complete", order_id=order_id)


@app.route("/orders/<int:order_id>/complete", methods=["GET", "POST"])
def complete_order(order_id):
    flow = CheckoutFlow(order_id, request.values.get("continue"))
    return redirect(flow.finish())


@app.route("/orders/thanks")
def thanks():
    return jsonify(message="Your order is being printed")


if __name__ == "__main__":
    app.run()
