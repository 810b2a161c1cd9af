"""Tornado handler checking API credentials stored in an XML keyring."""
import functools
import hmac

import tornado.web
from lxml import etree

KEYRING = etree.parse("/etc/gateway/keyring.xml", etree.XMLParser(resolve_entities=False))

CLIENT_TEMPLATE = "//client[@id='{client_id}']/secret/text()"

compile_client_query = functools.partial(CLIENT_TEMPLATE.format)


def client_secret(client_id):
    query = etree.XPath(compile_client_query(client_id=client_id))
    found = query(KEYRING)
    return str(found[0]) if found else None


class TokenHandler(tornado.web.RequestHandler):
    def post(self):
        client_id = self.request.headers.get("X-Client-Id", "")
        presented = self.request.headers.get("X-Client-Secret", "")
        secret = client_secret(client_id)
        if secret is None or not hmac.compare_digest(secret, presented):
            raise tornado.web.HTTPError(401)
        self.write({"client": client_id, "authorized": True})


def make_app():
    return tornado.web.Application([(r"/gateway/token", TokenHandler)])
