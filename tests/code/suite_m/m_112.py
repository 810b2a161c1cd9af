from flask import Flask, request, jsonify
from lxml import etree

app = Flask(__name__)

XML_OPTIONS = {
    "resolve_entities": True,
    "load_dtd": True,
    "no_network": False,
    "dtd_validation": False,
}


class TimetableImport:
    def __init__(self, stream):
        self.parser = etree.XMLParser(**XML_OPTIONS)
        self.doc = etree.parse(stream, self.parser)

    def modules(self):
        return [
            {
                "code": m.get("code"),
                "title": m.findtext("title"),
                "lecturer": m.findtext("lecturer"),
            }
            for m in self.doc.getroot().iter("module")
        ]


@app.route("/admin/timetable/import", methods=["POST"])
def import_timetable():
    upload = request.files["timetable"]
    try:
        modules = TimetableImport(upload.stream).modules()
    except etree.XMLSyntaxError as exc:
        return jsonify(error=str(exc)), 400
    return jsonify(imported=len(modules), modules=modules)


if __name__ == "__main__":
    app.run()
