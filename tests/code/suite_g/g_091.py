"""Library system: the catalogue is one big MARCXML-like file; search by title."""
from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)
CATALOGUE = etree.parse("/srv/library/catalogue.xml").getroot()


class TitleSearch:
    def __init__(self, title):
        self.expr = etree.XPath("//book[title='" + title + "']")

    def run(self, root):
        return [b.findtext("isbn") for b in self.expr(root)]


@app.route("/catalogue/title", methods=["POST"])
def by_title():
    title = request.form.get("title", "")
    return jsonify(TitleSearch(title).run(CATALOGUE))
