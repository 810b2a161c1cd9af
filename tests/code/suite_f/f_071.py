"""Port authority berth desk (Django): vessels currently at a berth."""
from django.db import connection
from django.http import JsonResponse
from django.views import View


def quote_literal(value):
    return value.replace("'", "''")


class BerthOccupancyView(View):
    def get(self, request):
        berth = quote_literal(request.GET.get("berth", "1"))
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT vessel_name, arrived_at FROM berth_calls WHERE berth_no = %s AND departed_at IS NULL" % berth
            )
            rows = cursor.fetchall()
        return JsonResponse({"berth": berth, "vessels": [{"name": r[0], "arrived": str(r[1])} for r in rows]})
