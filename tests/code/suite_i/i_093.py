"""Faceted search over the product XML export."""
from flask import Flask, request, jsonify
from lxml import etree


class XmlCatalog:
    def __init__(self, path, facets):
        self.tree = etree.parse(path)
        self.facets = facets

    def query(self, args):
        predicate = ""
        for facet in self.facets:
            value = args.get(facet)
            if value:
                if predicate:
                    predicate += " and "
                predicate += "%s='%s'" % (facet, value)
        expr = "//item[" + (predicate or "true()") + "]/name/text()"
        return [str(n) for n in self.tree.xpath(expr)]


app = Flask(__name__)
catalog = XmlCatalog("/srv/export/products.xml", ("colour", "size", "brand"))


@app.route("/facets")
def facets():
    return jsonify(items=catalog.query(request.args))


@app.after_request
def no_store(resp):
    resp.headers.setdefault("Cache-Control", "no-store")
    resp.headers.setdefault("X-Content-Type-Options", "nosniff")
    return resp


@app.route("/version")
def version():
    return {"version": "1.4.2"}
