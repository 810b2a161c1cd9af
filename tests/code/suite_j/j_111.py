"""Bulk contact import from exported address books (XML)."""
from flask import Flask, abort, jsonify, request
from lxml import etree

app = Flask(__name__)

ITERPARSE_OPTIONS = dict(events=("end",), tag="contact", load_dtd=True, resolve_entities=True)


def iter_contacts(fileobj, options=ITERPARSE_OPTIONS):
    for _event, element in etree.iterparse(fileobj, **options):
        yield {
            "name": (element.findtext("name") or "").strip(),
            "email": (element.findtext("email") or "").strip(),
            "note": (element.findtext("note") or "").strip(),
        }
        element.clear()


@app.post("/contacts/import")
def import_contacts():
    upload = request.files.get("addressbook")
    if upload is None or not (upload.filename or "").lower().endswith(".xml"):
        abort(400)
    try:
        contacts = list(iter_contacts(upload.stream))
    except etree.XMLSyntaxError:
        abort(422)
    return jsonify({"imported": len(contacts), "preview": contacts[:5]})
