import io
import xml.sax
from xml.sax.handler import ContentHandler, feature_external_ges

import tornado.web


class TagCounter(ContentHandler):
    def __init__(self):
        super().__init__()
        self.counts = {}

    def startElement(self, name, attrs):
        self.counts[name] = self.counts.get(name, 0) + 1


class XmlStatsHandler(tornado.web.RequestHandler):
    def post(self):
        counter = TagCounter()
        parser = xml.sax.make_parser()
        parser.setFeature(feature_external_ges, False)
        parser.setContentHandler(counter)
        try:
            parser.parse(io.BytesIO(self.request.body))
        except xml.sax.SAXParseException:
            raise tornado.web.HTTPError(400)
        self.write({"elements": counter.counts})


def make_app():
    return tornado.web.Application([(r"/xml/stats", XmlStatsHandler)])
