import json
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

from lxml import etree

CATALOG = etree.parse("/srv/app/catalog.xml")


class ItemHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        query = parse_qs(urlparse(self.path).query)
        try:
            item_id = int(query.get("id", [""])[0])
        except ValueError:
            self.send_error(400, "id must be numeric")
            return
        nodes = CATALOG.xpath(f"//item[@id={item_id}]/name/text()")
        body = json.dumps({"id": item_id, "name": str(nodes[0]) if nodes else None}).encode()
        self.send_response(200 if nodes else 404)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)


if __name__ == "__main__":
    ThreadingHTTPServer(("127.0.0.1", 8090), ItemHandler).serve_forever()
