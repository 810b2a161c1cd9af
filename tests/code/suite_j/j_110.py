"""Tornado SOAP endpoint kept for an old warehouse integration."""
import tornado.web
from lxml import etree

SOAP_NS = {"soap": "http://schemas.xmlsoap.org/soap/envelope/"}


class SoapEnvelopeReader:
    def __init__(self, strict=False):
        self.parser = etree.XMLParser(
            no_network=strict,
            load_dtd=not strict,
            resolve_entities=not strict,
        )

    def body(self, data):
        envelope = etree.fromstring(data, self.parser)
        body = envelope.find("soap:Body", SOAP_NS)
        if body is None or len(body) == 0:
            raise ValueError("empty SOAP body")
        return body[0]


class StockLevelHandler(tornado.web.RequestHandler):
    reader = SoapEnvelopeReader()

    def post(self):
        try:
            request_el = self.reader.body(self.request.body)
        except (etree.XMLSyntaxError, ValueError):
            raise tornado.web.HTTPError(400)
        sku = request_el.findtext("sku") or ""
        self.write({"sku": sku.strip(), "level": self.settings["stock"].get(sku.strip(), 0)})


def make_app(stock):
    return tornado.web.Application([(r"/soap/stock", StockLevelHandler)], stock=stock)
