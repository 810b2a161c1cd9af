from django.http import HttpResponseBadRequest, JsonResponse
from lxml import etree

ORDERS = etree.parse("/srv/shop/orders.xml")


def order_status(request):
    try:
        order_id = int(request.GET["id"])
    except (KeyError, ValueError):
        return HttpResponseBadRequest("id must be a number")
    status = ORDERS.xpath("string(//order[@id=%d]/status)" % order_id)
    return JsonResponse({"id": order_id, "status": status or "unknown"})
