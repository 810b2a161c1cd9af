from django.http import JsonResponse
from django.views import View
from lxml import etree

from .models import RateCard


class RateCardUploadView(View):
    """Logistics: carriers upload their rate cards as XML."""

    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
    )

    def post(self, request, carrier_id):
        upload = request.FILES.get("ratecard")
        if upload is None or upload.size > 2 * 1024 * 1024:
            return JsonResponse({"error": "missing or oversized file"}, status=400)
        try:
            root = etree.fromstring(upload.read(), self.parser)
        except etree.XMLSyntaxError:
            return JsonResponse({"error": "malformed XML"}, status=400)
        zones = {}
        for zone in root.iterfind("zone"):
            zones[zone.get("code")] = float(zone.findtext("price", "0"))
        RateCard.objects.update_or_create(carrier_id=carrier_id, defaults={"zones": zones})
        return JsonResponse({"zones": len(zones)})
