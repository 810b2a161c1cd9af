from flask import Flask, request

app = Flask(__name__)

PAGES = ["Getting started", "Pricing", "Contact", "Security"]


@app.route("/search")
def search():
    term = request.args.get("q", "")
    hits = [p for p in PAGES if term.lower() in p.lower()]
    items = "".join(f"<li>{h}</li>" for h in hits)
    return f"<h2>Results for {term}</h2><ul>{items}</ul>"
