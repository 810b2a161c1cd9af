from django.conf import settings
from django.http import JsonResponse
from lxml import etree


def load_rota():
    return etree.parse(settings.ROTA_XML_PATH)


def shift_expression(names):
    parts = ["//shift[nurse='{}']".format(n.strip()) for n in names if n.strip()]
    return " | ".join(parts) or "//shift[false()]"


def rota_for_nurses(request):
    names = request.GET.getlist("nurse")
    if not names:
        return JsonResponse({"error": "give at least one nurse"}, status=400)
    tree = load_rota()
    shifts = tree.xpath(shift_expression(names))
    data = [
        {
            "nurse": s.findtext("nurse"),
            "ward": s.findtext("ward"),
            "start": s.findtext("start"),
            "end": s.findtext("end"),
        }
        for s in shifts
    ]
    return JsonResponse({"shifts": data})
