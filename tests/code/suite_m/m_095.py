from django.conf import settings
from django.http import JsonResponse
from lxml import etree

SEGMENT_FIELDS = {"country": "country", "plan": "plan", "language": "lang"}


def _segment_rules(params):
    rules = {}
    for field, attr in SEGMENT_FIELDS.items():
        if field in params:
            rules[attr] = params[field]
    return rules


def _xpath_for(rules):
    preds = " and ".join("@%s='%s'" % (attr, value) for attr, value in rules.items())
    return "//subscriber[%s]" % preds if preds else "//subscriber"


def segment_preview(request):
    rules = _segment_rules(request.GET)
    plan = rules.get("plan")
    if plan is not None and plan not in ("free", "pro", "team"):
        return JsonResponse({"error": "unknown plan"}, status=400)
    doc = etree.parse(settings.SUBSCRIBER_EXPORT_XML)
    matches = doc.xpath(_xpath_for(rules))
    return JsonResponse({
        "count": len(matches),
        "sample": [m.get("email") for m in matches[:5]],
    })
