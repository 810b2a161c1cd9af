"""County clerk: e-recording vendors are sent back after payment."""
from flask import Flask, redirect, request

app = Flask(__name__)


class ReturnPolicy:
    default = "/recordings"

    def choose(self, candidate):
        # only relative paths on our own site
        if candidate and candidate.startswith("/"):
            return candidate
        return self.default


@app.route("/payments/complete")
def payment_complete():
    candidate = request.args.get("return_path", "")
    return redirect(ReturnPolicy().choose(candidate))
