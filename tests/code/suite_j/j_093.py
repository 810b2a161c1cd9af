"""aiohttp endpoint exposing invoice lines from archived XML exports."""
from aiohttp import web
from lxml import etree


class InvoiceArchive:
    def __init__(self, path):
        self.doc = etree.parse(path, etree.XMLParser(resolve_entities=False, no_network=True))

    def lines(self, invoice_no: int):
        expression = "/archive/invoice[@number=%d]/line" % invoice_no
        return [
            {"sku": line.get("sku"), "qty": line.get("qty"), "amount": line.findtext("amount")}
            for line in self.doc.xpath(expression)
        ]


async def invoice_lines(request):
    raw = request.match_info["number"]
    try:
        number = int(raw)
    except ValueError:
        raise web.HTTPBadRequest(text="invoice number must be numeric")
    return web.json_response({"invoice": number, "lines": request.app["archive"].lines(number)})


def create_app(path="/srv/archive/invoices.xml"):
    app = web.Application()
    app["archive"] = InvoiceArchive(path)
    app.router.add_get("/invoices/{number}/lines", invoice_lines)
    return app
