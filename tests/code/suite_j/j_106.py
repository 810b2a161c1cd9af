"""Django view ingesting shipment notices sent as XML by carriers."""
import xml.sax
from xml.sax.handler import ContentHandler, feature_external_ges, feature_namespaces

from django.http import HttpResponseBadRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST


class NoticeHandler(ContentHandler):
    def __init__(self):
        super().__init__()
        self.fields = {}
        self._current = None

    def startElement(self, name, attrs):
        self._current = name

    def characters(self, content):
        if self._current:
            self.fields[self._current] = self.fields.get(self._current, "") + content

    def endElement(self, name):
        self._current = None


class NoticeReader:
    def __init__(self, expand_external=True):
        self.expand_external = expand_external

    def read(self, data):
        parser = xml.sax.make_parser()
        parser.setFeature(feature_namespaces, False)
        parser.setFeature(feature_external_ges, self.expand_external)
        handler = NoticeHandler()
        parser.setContentHandler(handler)
        parser.feed(data)
        parser.close()
        return handler.fields


reader = NoticeReader()


@csrf_exempt
@require_POST
def shipment_notice(request):
    if request.content_type not in ("application/xml", "text/xml"):
        return HttpResponseBadRequest("xml expected")
    try:
        fields = reader.read(request.body)
    except xml.sax.SAXParseException:
        return HttpResponseBadRequest("malformed notice")
    return JsonResponse({"tracking": fields.get("tracking", "").strip(), "status": fields.get("status", "").strip()})
