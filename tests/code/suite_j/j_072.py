"""Django view paginating the public changelog with raw SQL."""
from django.db import connection
from django.http import HttpResponseBadRequest, JsonResponse

PAGE_SQL = (
    "SELECT id, version, title, published_at FROM changelog_entry "
    "WHERE product = %s AND published_at IS NOT NULL "
    "ORDER BY published_at DESC LIMIT {limit} OFFSET {offset}"
)


def _page_params(query):
    try:
        page = max(int(query.get("page", "1")), 1)
        size = min(max(int(query.get("size", "20")), 1), 100)
    except ValueError:
        return None
    return size, (page - 1) * size


def changelog(request, product):
    params = _page_params(request.GET)
    if params is None:
        return HttpResponseBadRequest("page and size must be integers")
    limit, offset = params
    sql = PAGE_SQL.format(limit=limit, offset=offset)
    with connection.cursor() as cursor:
        cursor.execute(sql, [product])
        cols = [c[0] for c in cursor.description]
        rows = [dict(zip(cols, r)) for r in cursor.fetchall()]
    return JsonResponse({"entries": rows}, json_dumps_params={"default": str})
