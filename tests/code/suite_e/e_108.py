"""Community bank: import account statements (camt.053) uploaded by operations."""
import xml.sax
from xml.sax.handler import ContentHandler, feature_external_ges, feature_external_pes

from django.http import JsonResponse
from django.views.decorators.http import require_POST


class EntryCounter(ContentHandler):
    def __init__(self):
        super().__init__()
        self.entries = 0

    def startElement(self, name, attrs):
        if name.endswith("Ntry"):
            self.entries += 1


@require_POST
def import_statement(request):
    handler = EntryCounter()
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, False)
    parser.setFeature(feature_external_pes, False)
    parser.setContentHandler(handler)
    parser.parse(request.FILES["statement"])
    return JsonResponse({"entries": handler.entries})
