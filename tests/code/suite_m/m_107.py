import xml.sax
from xml.sax.handler import ContentHandler, feature_external_ges

from flask import Flask, request, jsonify

app = Flask(__name__)


class TrackHandler(ContentHandler):
    def __init__(self):
        super().__init__()
        self.points = 0
        self.name = ""
        self._in_name = False

    def startElement(self, name, attrs):
        if name == "trkpt":
            self.points += 1
        self._in_name = name == "name"

    def characters(self, content):
        if self._in_name:
            self.name += content

    def endElement(self, name):
        self._in_name = False


def read_gpx(stream):
    handler = TrackHandler()
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, True)
    parser.setContentHandler(handler)
    parser.parse(stream)
    return handler


@app.route("/transects/upload", methods=["POST"])
def upload_transect():
    gpx = request.files["track"]
    try:
        handler = read_gpx(gpx.stream)
    except xml.sax.SAXParseException:
        return jsonify(error="not a valid GPX file"), 400
    return jsonify(track=handler.name.strip(), points=handler.points)


if __name__ == "__main__":
    app.run()
