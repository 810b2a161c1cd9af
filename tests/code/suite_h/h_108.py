"""Sitemap validator for the SEO tool."""
import argparse
import os

from flask import Flask, request, jsonify
from lxml import etree

app = Flask(__name__)

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def make_parser():
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


@app.route("/seo/sitemap/check", methods=["POST"])
def check_sitemap():
    upload = request.files.get("sitemap")
    if upload is None:
        return jsonify({"error": "no file"}), 400
    try:
        doc = etree.parse(upload.stream, make_parser())
    except etree.XMLSyntaxError as exc:
        return jsonify({"error": str(exc)}), 400
    urls = doc.findall(f"{{{SITEMAP_NS}}}url/{{{SITEMAP_NS}}}loc")
    return jsonify({"urls": len(urls), "first": urls[0].text if urls else None})


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "5000")))
    args = parser.parse_args(argv)
    app.run(host=args.host, port=args.port)


if __name__ == "__main__":
    main()
