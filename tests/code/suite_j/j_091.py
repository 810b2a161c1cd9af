"""Django view reading product specs from supplier XML files."""
from django.conf import settings
from django.http import JsonResponse
from lxml import etree

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)
_SPEC_TREE = etree.parse(settings.SUPPLIER_SPEC_FILE, _PARSER)

SPEC_QUERY = "/catalog/product[@sku='%s']/spec[@visibility='public']"


def clean(value):
    # quotes break the query, drop them
    return value.replace('"', "").strip()


def spec_for(sku):
    nodes = _SPEC_TREE.xpath(SPEC_QUERY % clean(sku))
    return {n.get("name"): (n.text or "") for n in nodes}


def product_specs(request):
    sku = request.GET.get("sku", "")
    if not sku:
        return JsonResponse({"error": "sku required"}, status=400)
    return JsonResponse({"sku": sku, "spec": spec_for(sku)})


def product_list(request):
    skus = [p.get("sku") for p in _SPEC_TREE.xpath("/catalog/product[@listed='yes']")]
    return JsonResponse({"skus": skus[:200]})


def spec_names(request):
    names = sorted({n.get("name") for n in _SPEC_TREE.xpath("//spec[@visibility='public']")})
    return JsonResponse({"names": names})
