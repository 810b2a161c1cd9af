from django.db import connection
from django.http import JsonResponse

SORTABLE = {"name": "name", "created": "created_at", "price": "price"}


def list_items(request):
    try:
        page = int(request.GET.get("page", "1"))
    except ValueError:
        page = 1
    sort = SORTABLE.get(request.GET.get("sort"), "name")
    offset = (max(page, 1) - 1) * 25
    query = "SELECT id, name FROM items ORDER BY {} LIMIT 25 OFFSET {}".format(sort, offset)
    with connection.cursor() as cur:
        cur.execute(query)
        data = cur.fetchall()
    return JsonResponse({"items": data})
