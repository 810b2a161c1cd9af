from flask import Flask, request, jsonify
from lxml import etree

app = Flask(__name__)

TIMETABLE_XML = "/srv/timetable/published/current.xml"


def load_timetable():
    return etree.parse(TIMETABLE_XML).getroot()


def slots_for(root, code):
    query = "//course[code='%s']/slot" % code
    return root.xpath(query)


@app.route("/courses/slots")
def course_slots():
    code = request.args.get("code", "").strip()
    if not code:
        return jsonify(error="code required"), 400
    root = load_timetable()
    slots = [
        {
            "day": s.get("day"),
            "start": s.get("start"),
            "room": s.findtext("room"),
        }
        for s in slots_for(root, code)
    ]
    return jsonify(code=code, slots=slots)


if __name__ == "__main__":
    app.run()
