from django.http import JsonResponse
from lxml import etree

SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, dtd_validation=False)


def sitemap_check(request):
    raw = request.body
    root = etree.fromstring(raw, SAFE_PARSER)
    ns = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = root.xpath("//sm:url/sm:loc/text()", namespaces=ns)
    return JsonResponse({"urls": len(locs)})
