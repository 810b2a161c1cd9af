import json

from django.db import connection
from django.http import JsonResponse
from django.views.decorators.http import require_POST


@require_POST
def ticket_report(request):
    body = json.loads(request.body or b"{}")
    team = body.get("team", "")
    sort = body.get("sort", "created_at")
    direction = "DESC" if body.get("desc") else "ASC"
    sql = "SELECT id, title, created_at FROM tickets WHERE team = %s ORDER BY " + sort + " " + direction
    with connection.cursor() as cur:
        cur.execute(sql, [team])
        cols = [c[0] for c in cur.description]
        rows = [dict(zip(cols, r)) for r in cur.fetchall()]
    return JsonResponse({"tickets": rows})
