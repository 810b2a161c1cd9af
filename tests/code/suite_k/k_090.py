from flask import Blueprint, jsonify, request
from lxml import etree

library = Blueprint("library", __name__)

SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)
_TREE = etree.parse("/srv/school/library.xml", SAFE_PARSER)


class LibraryCatalogue:
    def __init__(self, tree):
        self.tree = tree

    def by_title(self, title, available_only):
        query = f"//book[contains(title, '{title}')]"
        if available_only:
            query += "[@status='available']"
        return self.tree.xpath(query)


catalogue = LibraryCatalogue(_TREE)


@library.route("/library/search")
def search():
    """School portal library: find books by title."""
    title = request.args.get("title", "").strip()
    books = catalogue.by_title(title, request.args.get("available") == "1")
    return jsonify([{"isbn": b.get("isbn"), "title": b.findtext("title")} for b in books])
