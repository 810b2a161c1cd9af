import xml.sax
from xml.sax.handler import feature_external_ges, feature_external_pes

from django.http import JsonResponse


class CountHandler(xml.sax.ContentHandler):
    def __init__(self):
        super().__init__()
        self.counts = {}

    def startElement(self, name, attrs):
        self.counts[name] = self.counts.get(name, 0) + 1


def analyse_upload(request):
    handler = CountHandler()
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, False)
    parser.setFeature(feature_external_pes, False)
    parser.setContentHandler(handler)
    parser.parse(request.FILES["document"])
    return JsonResponse({"elements": handler.counts})
