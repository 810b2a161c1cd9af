"""Back-office: customer name search."""
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.http import require_GET


@login_required
@require_GET
def customer_search(request):
    term = request.GET.get("q", "").strip()
    if len(term) < 2:
        return JsonResponse({"results": []})
    with connection.cursor() as cur:
        cur.execute(
            "SELECT id, full_name, tax_id_last4 FROM crm_customer "
            "WHERE full_name ILIKE %s ORDER BY full_name LIMIT 50",
            ["%" + term + "%"],
        )
        rows = cur.fetchall()
    results = [{"id": r[0], "name": r[1], "last4": r[2]} for r in rows]
    return JsonResponse({"results": results})
