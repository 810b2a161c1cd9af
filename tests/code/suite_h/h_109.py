"""Calendar invitation import (XML variant used by an old groupware server)."""
import xml.sax
from xml.dom import minidom
from xml.sax import handler

from flask import Flask, request, jsonify

app = Flask(__name__)


def dom_parser():
    p = xml.sax.make_parser()
    p.setFeature(handler.feature_external_ges, True)
    return p


@app.route("/calendar/import", methods=["POST"])
def import_invite():
    text = request.get_data(as_text=True)
    doc = minidom.parseString(text, parser=dom_parser())
    events = []
    for ev in doc.getElementsByTagName("event"):
        title = ev.getElementsByTagName("title")
        events.append(
            {
                "uid": ev.getAttribute("uid"),
                "title": title[0].firstChild.data if title and title[0].firstChild else "",
            }
        )
    return jsonify(events)
