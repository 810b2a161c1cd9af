"""Vulnerable: a <formula> route parameter is evaluated to draw a chart series."""

from flask import Flask

app = Flask(__name__)


@app.route("/series/<formula>")
def series(formula):
    points = [eval(formula, {"x": x}) for x in range(10)]
    return {"points": len(points)}
