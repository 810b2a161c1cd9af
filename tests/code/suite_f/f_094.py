"""Electric co-op (Django): meter install details from the field-service XML export."""
from django.http import Http404, HttpResponseBadRequest, JsonResponse
from lxml import etree

from common.cleaning import is_meter

EXPORT = "/srv/coop/field-service/installs.xml"


def meter_install(request):
    meter = request.GET.get("meter", "")
    if not is_meter(meter):
        return HttpResponseBadRequest("meter numbers look like AB12345678")
    nodes = etree.parse(EXPORT).xpath("//install[meter='%s']" % meter)
    if not nodes:
        raise Http404("unknown meter")
    node = nodes[0]
    return JsonResponse({"meter": meter, "installed": node.findtext("date"), "crew": node.findtext("crew")})
