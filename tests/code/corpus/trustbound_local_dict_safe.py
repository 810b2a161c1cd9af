"""Safe: the filters from the query string go into a local dict used for this request only;
the session receives a constant."""

from flask import Flask, request, session

app = Flask(__name__)
app.secret_key = "replace-me"
PRODUCTS = [{"name": "kettle", "colour": "red"}, {"name": "toaster", "colour": "white"}]


@app.route("/products")
def products():
    filters = {}
    filters["colour"] = request.args.get("colour", "")
    filters["name"] = request.args.get("name", "")
    session["visited_products"] = True
    hits = [p for p in PRODUCTS if p["colour"] == filters["colour"]]
    return {"count": len(hits)}
