import io
import xml.sax
from xml.sax.handler import ContentHandler, feature_external_ges

from django.http import JsonResponse
from django.urls import path
from django.views.decorators.http import require_POST


class ContactHandler(ContentHandler):
    def __init__(self):
        super().__init__()
        self.contacts, self._buf, self._current = [], [], None

    def startElement(self, name, attrs):
        if name == "contact":
            self._current = {"email": attrs.get("email", "")}
        self._buf = []

    def characters(self, content):
        self._buf.append(content)

    def endElement(self, name):
        if name == "name" and self._current is not None:
            self._current["name"] = "".join(self._buf).strip()
        elif name == "contact" and self._current is not None:
            self.contacts.append(self._current)
            self._current = None


@require_POST
def import_contacts(request):
    handler = ContactHandler()
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, True)
    parser.setContentHandler(handler)
    parser.parse(io.BytesIO(request.body))
    return JsonResponse({"contacts": handler.contacts})


urlpatterns = [path("contacts/import", import_contacts)]
