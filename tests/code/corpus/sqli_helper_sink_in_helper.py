"""Vulnerable: the SQL is concatenated here, but executed inside helpers.db.run_sql."""

from django.http import JsonResponse
from helpers.db import run_sql


def orders_by_status(request):
    status = request.GET.get("status", "open")
    rows = run_sql("SELECT id FROM orders WHERE status = '" + status + "'")
    return JsonResponse({"count": len(rows)})
