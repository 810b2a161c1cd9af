"""Book lookup in the library's XML catalogue."""
from flask import Flask, request, jsonify
from lxml import etree

app = Flask(__name__)
CATALOGUE = etree.parse("/srv/library/catalogue.xml")
BY_AUTHOR = etree.XPath("//book[author=$author]/title/text()")


@app.route("/books")
def books():
    author = request.args.get("author", "")
    titles = BY_AUTHOR(CATALOGUE, author=author)
    year = request.args.get("year")
    if year:
        titles = CATALOGUE.xpath("//book[author=$a and @year=$y]/title/text()",
                                 a=author, y=year)
    return jsonify(titles=[str(t) for t in titles])


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
