from django.http import JsonResponse
from django.views.decorators.http import require_POST
from lxml import etree


class TimesheetReader:
    parser = etree.XMLParser(resolve_entities=False, no_network=True)

    def __init__(self, data: bytes):
        self.root = etree.fromstring(data, self.parser)

    def entries(self):
        for day in self.root.iterfind("day"):
            yield {
                "date": day.get("date"),
                "hours": float(day.findtext("hours", "0")),
                "project": day.findtext("project", ""),
            }


@require_POST
def upload_timesheet(request):
    try:
        reader = TimesheetReader(request.body)
    except etree.XMLSyntaxError:
        return JsonResponse({"error": "bad xml"}, status=400)
    entries = list(reader.entries())
    total = sum(e["hours"] for e in entries)
    return JsonResponse({"days": len(entries), "hours": total, "entries": entries})
