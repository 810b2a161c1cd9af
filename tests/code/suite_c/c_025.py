import xml.sax
from xml.sax.handler import feature_external_ges

from django.http import JsonResponse


class TimesheetHandler(xml.sax.ContentHandler):
    def __init__(self):
        super().__init__()
        self.entries = []
        self._text = []

    def characters(self, content):
        self._text.append(content)

    def endElement(self, name):
        if name == "entry":
            self.entries.append("".join(self._text).strip())
        self._text = []


def upload_timesheet(request):
    handler = TimesheetHandler()
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, True)
    parser.setContentHandler(handler)
    parser.parse(request.FILES["timesheet"])
    return JsonResponse({"entries": handler.entries})
