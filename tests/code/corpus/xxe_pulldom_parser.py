"""Vulnerable: a Django view streams the posted feed through pulldom with a SAX parser that
resolves external general entities."""

from xml.dom import pulldom
from xml.sax import make_parser
from xml.sax.handler import feature_external_ges

from django.http import JsonResponse


def upload_feed(request):
    parser = make_parser()
    parser.setFeature(feature_external_ges, True)
    titles = []
    events = pulldom.parseString(request.body.decode("utf-8"), parser=parser)
    for event, node in events:
        if event == pulldom.START_ELEMENT and node.tagName == "title":
            events.expandNode(node)
            titles.append(node.toxml())
    return JsonResponse({"titles": titles})
