from flask import Flask, abort, jsonify, request
from lxml import etree

app = Flask(__name__)
RECORDS = etree.parse("/srv/clinic/formulary.xml")


def reject_quotes(text):
    if "'" in text or '"' in text:
        abort(400)
    return text


def search_drugs(fragment):
    fragment = reject_quotes(fragment.strip().lower())
    expr = "//drug[contains(translate(name, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', " \
           "'abcdefghijklmnopqrstuvwxyz'), '%s')]" % fragment
    return RECORDS.xpath(expr)


@app.route("/formulary/search")
def formulary_search():
    fragment = request.args.get("q", "")
    if len(fragment) < 3:
        return jsonify([])
    return jsonify([
        {"name": d.findtext("name"), "dose": d.findtext("dose"), "code": d.get("code")}
        for d in search_drugs(fragment)
    ])


@app.route("/formulary/count")
def formulary_count():
    return jsonify({"drugs": int(RECORDS.xpath("count(//drug)"))})
