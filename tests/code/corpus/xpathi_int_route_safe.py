"""Safe: the book id comes from an <int:...> route parameter, so the XPath only gets digits."""

from flask import Flask
from lxml import etree

app = Flask(__name__)
CATALOGUE = etree.parse("/srv/catalogue.xml")


@app.route("/books/<int:book_id>")
def book(book_id):
    matches = CATALOGUE.xpath(f"//book[@id='{book_id}']/title")
    return {"found": bool(matches)}
