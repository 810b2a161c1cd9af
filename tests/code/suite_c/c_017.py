from django.http import JsonResponse
from django.views import View
from lxml import etree

from app.utils import clean_int


class OrderStatusView(View):
    feed = "/srv/portal/data/orders.xml"

    def get(self, request, *args, **kwargs):
        order_id = clean_int(request.GET.get("order"), default=-1)
        if order_id < 0:
            return JsonResponse({"error": "bad order id"}, status=400)
        tree = etree.parse(self.feed)
        status = tree.xpath(f"string(//order[@id={order_id}]/status)")
        return JsonResponse({"order": order_id, "status": status or None})
