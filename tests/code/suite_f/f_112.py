"""County court (Django): probation reports submitted by the state corrections system."""
from defusedxml import minidom as safe_minidom
from django.http import JsonResponse
from django.views.decorators.http import require_POST
from lxml import etree

PARSER = "defused"


def parse_report(body):
    if PARSER == "lxml-legacy":
        parser = etree.XMLParser(resolve_entities=True, load_dtd=True)
        root = etree.fromstring(body, parser)
        return root.findtext("offender"), root.findtext("status")
    dom = safe_minidom.parseString(body)
    offender = dom.getElementsByTagName("offender")[0].firstChild.data
    status = dom.getElementsByTagName("status")[0].firstChild.data
    return offender, status


@require_POST
def probation_report(request):
    offender, status = parse_report(request.body)
    return JsonResponse({"offender": offender, "status": status})
