"""aiohttp webhook receiving XML payment notifications."""
import xml.sax
from xml.sax.handler import ContentHandler, feature_external_ges, feature_external_pes

from aiohttp import web


class PaymentHandler(ContentHandler):
    wanted = {"transactionId", "amount", "currency", "state"}

    def __init__(self):
        super().__init__()
        self.values = {}
        self._tag = None

    def startElement(self, name, attrs):
        self._tag = name if name in self.wanted else None

    def characters(self, content):
        if self._tag:
            self.values[self._tag] = self.values.get(self._tag, "") + content

    def endElement(self, name):
        self._tag = None


def parse_notification(body: bytes):
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, False)
    parser.setFeature(feature_external_pes, False)
    handler = PaymentHandler()
    parser.setContentHandler(handler)
    parser.feed(body)
    parser.close()
    return {k: v.strip() for k, v in handler.values.items()}


async def payment_webhook(request):
    body = await request.read()
    try:
        data = parse_notification(body)
    except xml.sax.SAXParseException:
        raise web.HTTPBadRequest(text="malformed xml")
    await request.app["payments"].record(data)
    return web.json_response({"received": data.get("transactionId")})


def create_app(payments):
    app = web.Application(client_max_size=256 * 1024)
    app["payments"] = payments
    app.router.add_post("/webhooks/payments", payment_webhook)
    return app
