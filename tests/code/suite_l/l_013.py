from django.http import JsonResponse
from django.views.decorators.http import require_GET

PATIENTS = [
    {"name": "Ada Moss", "ward": "B2", "age": 71, "admitted": "2024-02-11"},
    {"name": "Leo Park", "ward": "A1", "age": 34, "admitted": "2024-02-13"},
    {"name": "Rui Costa", "ward": "B2", "age": 58, "admitted": "2024-02-09"},
]


def make_sorter(field):
    return eval("lambda r: r['%s']" % field)


def listing(rows, field, descending):
    return sorted(rows, key=make_sorter(field), reverse=descending)


@require_GET
def ward_list(request):
    field = request.GET.get("sort", "name")
    descending = request.GET.get("dir", "asc") == "desc"
    try:
        rows = listing(PATIENTS, field, descending)
    except KeyError:
        return JsonResponse({"error": "unknown column"}, status=400)
    return JsonResponse({"patients": rows})
