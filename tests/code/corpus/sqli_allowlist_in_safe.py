"""Safe: the ORDER BY clause is added only inside `if order in {...}`, so only the listed
words reach the SQL."""

from django.db import connection
from django.http import JsonResponse


def invoices(request):
    order = request.GET.get("order", "")
    sql = "SELECT id, total FROM invoices"
    if order in {"total", "due_date", "id"}:
        sql += " ORDER BY " + order
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return JsonResponse({"count": len(cursor.fetchall())})
