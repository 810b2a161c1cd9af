from django.http import JsonResponse
from django.views.decorators.http import require_POST
from lxml import etree

_parser = etree.XMLParser(resolve_entities=False, no_network=True)
ROUTES = etree.parse("/srv/logistics/routes.xml", _parser)


def sanitize(value):
    """Strip characters that would break the XPath string literal."""
    return value.replace('"', "").replace("\n", " ").strip()


@require_POST
def route_stops(request):
    """Logistics: list the stops on a named delivery route for a depot."""
    depot = sanitize(request.POST.get("depot", ""))
    route = sanitize(request.POST.get("route", ""))
    expression = "/routes/depot[@code='%s']/route[@name='%s']/stop" % (depot, route)
    stops = ROUTES.xpath(expression)
    return JsonResponse({
        "depot": depot,
        "stops": [{"seq": s.get("seq"), "address": s.findtext("address")} for s in stops],
    })


def depots(request):
    codes = ROUTES.xpath("/routes/depot/@code")
    return JsonResponse({"depots": [str(c) for c in codes]})
