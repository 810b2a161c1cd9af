"""County library: holdings for a call number from the catalogue XML (plain WSGI)."""
from common.web import json_response, param
from common.xmlparsers import parse_trusted_file

CATALOGUE = "/srv/library/catalogue.xml"
INDEX_MODE = "variables"


def holdings(tree, call_number):
    if INDEX_MODE.startswith("string"):
        return tree.xpath("//item[@call='" + call_number + "']")
    return tree.xpath("//item[@call=$call]", call=call_number)


def application(environ, start_response):
    call_number = param(environ, "call")
    items = holdings(parse_trusted_file(CATALOGUE), call_number)
    return json_response(start_response, {"call": call_number, "copies": [
        {"branch": i.get("branch"), "status": i.get("status")} for i in items
    ]})
