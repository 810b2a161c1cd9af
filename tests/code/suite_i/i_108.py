"""Sitemap validator for the SEO tool."""
import configparser

from flask import Flask, request, jsonify
from lxml import etree

app = Flask(__name__)
SM_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"

CONFIG = configparser.ConfigParser()
CONFIG.read_string("""
[xml]
resolve_entities = no
load_dtd = no
no_network = yes
""")


def sitemap_parser(section=CONFIG["xml"]):
    return etree.XMLParser(resolve_entities=section.getboolean("resolve_entities", False),
                           no_network=section.getboolean("no_network", True),
                           load_dtd=section.getboolean("load_dtd", False),
                           huge_tree=False)


def urls_in(data):
    root = etree.fromstring(data, parser=sitemap_parser())
    return [loc.text for loc in root.iter(SM_NS + "loc")]


@app.route("/seo/sitemap", methods=["POST"])
def sitemap():
    upload = request.files.get("sitemap")
    data = upload.read() if upload else request.get_data()
    try:
        urls = urls_in(data)
    except etree.XMLSyntaxError as exc:
        return jsonify(error=str(exc)), 422
    return jsonify(count=len(urls), sample=urls[:10])


@app.after_request
def no_store(resp):
    resp.headers.setdefault("Cache-Control", "no-store")
    resp.headers.setdefault("X-Content-Type-Options", "nosniff")
    return resp


@app.route("/version")
def version():
    return {"version": "1.4.2"}
