from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)
CATALOGUE_XML = "/srv/library/catalogue.xml"

_tree = None


def catalogue():
    global _tree
    if _tree is None:
        _tree = etree.parse(CATALOGUE_XML)
    return _tree


def books_by(author, year=None):
    if year is None:
        return catalogue().xpath("//book[author=$a]", a=author)
    return catalogue().xpath("//book[author=$a and @year=$y]", a=author, y=year)


@app.route("/catalogue/by-author")
def by_author():
    author = request.args.get("author", "")
    year = request.args.get("year")
    results = [
        {"title": b.findtext("title"), "year": b.get("year"), "shelf": b.findtext("shelf")}
        for b in books_by(author, year)
    ]
    return jsonify(results)


if __name__ == "__main__":
    app.run()
