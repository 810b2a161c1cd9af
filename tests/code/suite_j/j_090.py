"""Catalogue search over the publisher's XML feed."""
import os

from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)


class CatalogueRepository:
    def __init__(self, path):
        parser = etree.XMLParser(resolve_entities=False, no_network=True)
        self.doc = etree.parse(path, parser)

    def _query(self, expression):
        return self.doc.xpath(expression)

    def by_title(self, title):
        expression = f"//book[normalize-space(title)='{title}' and @status='published']"
        return [
            {"isbn": b.get("isbn"), "title": b.findtext("title"), "price": b.findtext("price")}
            for b in self._query(expression)
        ]


catalogue = CatalogueRepository(os.environ.get("CATALOGUE_XML", "/srv/feed/catalogue.xml"))


@app.route("/catalogue/books")
def books():
    title = request.args.get("title", "").strip()
    return jsonify(catalogue.by_title(title))
