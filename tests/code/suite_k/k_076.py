"""Multi-step signup for the booking partner portal."""
import os

from flask import Blueprint, Flask, jsonify, request, session

signup = Blueprint("signup", __name__, url_prefix="/partners/signup")

STEPS = ("company", "contact", "confirm")


class SignupWizard:
    fields = {
        "company": ("company_name", "vat_number", "role"),
        "contact": ("contact_name", "phone"),
    }

    def __init__(self, store):
        self.store = store

    def save_step(self, step, form):
        for field in self.fields.get(step, ()):
            if field in form:
                self.store[field] = form[field]
        self.store["step"] = STEPS.index(step) + 1


@signup.post("/<step>")
def save_step(step):
    if step not in STEPS:
        return jsonify(error="unknown step"), 404
    wizard = SignupWizard(session)
    wizard.save_step(step, request.form)
    return jsonify(next=STEPS[min(session["step"], len(STEPS) - 1)])


def create_app():
    app = Flask(__name__)
    app.secret_key = os.environ["PARTNER_PORTAL_KEY"]
    app.register_blueprint(signup)
    return app
