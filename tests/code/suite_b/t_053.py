from django.db import connection
from django.http import JsonResponse
from django.urls import path
from django.views.decorators.http import require_GET


@require_GET
def invoices_by_status(request):
    status = request.GET.get("status", "open")
    limit = 50
    sql = (
        "SELECT id, number, total FROM billing_invoice "
        "WHERE status = '%s' ORDER BY issued_at DESC LIMIT %d" % (status, limit)
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        rows = cursor.fetchall()
    data = [{"id": r[0], "number": r[1], "total": str(r[2])} for r in rows]
    return JsonResponse({"invoices": data})


urlpatterns = [
    path("billing/invoices/", invoices_by_status, name="invoices-by-status"),
]
