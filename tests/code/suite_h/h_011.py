"""Pricing rule tester for the merchandising team."""
import os
import time

from flask import Flask, request, render_template_string

app = Flask(__name__)

PAGE = """
<form method="post">
  <input name="formula" value="{{ formula }}"> <input name="base" value="{{ base }}">
  <button>Try</button>
</form>
<p>Price: {{ price }}</p>
"""


def apply_formula(formula, base):
    scope = {"base": base, "result": None}
    code = f"result = {formula}"
    exec(code, {}, scope)
    return scope["result"]


@app.route("/pricing/try", methods=["GET", "POST"])
def try_formula():
    formula = request.form.get("formula", "base * 1.2")
    base = float(request.form.get("base", "10") or 10)
    price = apply_formula(formula, base) if request.method == "POST" else None
    return render_template_string(PAGE, formula=formula, base=base, price=price)


STARTED_AT = time.time()
APP_VERSION = os.environ.get("APP_VERSION", "dev")


@app.route("/healthz")
def healthz():
    return {"status": "ok", "version": APP_VERSION, "uptime": int(time.time() - STARTED_AT)}
