from django.http import JsonResponse
from lxml import etree

CATALOG_PATH = "/srv/portal/data/catalog.xml"


def price_lookup(request):
    sku = request.GET.get("sku", "")
    currency = request.GET.get("currency", "EUR")
    if currency not in ("EUR", "USD", "GBP"):
        currency = "EUR"
    tree = etree.parse(CATALOG_PATH)
    expr = "//product[sku='" + sku + "']/price[@currency='" + currency + "']/text()"
    prices = tree.xpath(expr)
    return JsonResponse({"sku_found": bool(prices), "price": prices[0] if prices else None})
