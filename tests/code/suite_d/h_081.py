"""Teller back-office: account lookup by branch and surname."""
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.http import require_GET


@login_required
@require_GET
def account_lookup(request):
    branch = request.GET.get("branch", "001")
    surname = request.GET.get("surname", "")
    sql = (
        "SELECT id, account_no, holder_name, balance FROM core_account "
        "WHERE branch_code = '%s' AND holder_name LIKE '%s%%' "
        "ORDER BY holder_name" % (branch, surname)
    )
    with connection.cursor() as cur:
        cur.execute(sql)
        cols = [c[0] for c in cur.description]
        rows = [dict(zip(cols, r)) for r in cur.fetchall()]
    for row in rows:
        row["balance"] = str(row["balance"])
    return JsonResponse({"accounts": rows})
