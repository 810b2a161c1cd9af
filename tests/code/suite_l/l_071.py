import json

from django.db import connection
from django.http import JsonResponse
from django.views import View


class HeadcountQuery:
    def __init__(self, payload):
        self.department = payload.get("department", "")
        self.active_only = bool(payload.get("active", True))

    def sql(self):
        statement = "SELECT grade, COUNT(*) FROM hr_employee WHERE department = '%s'" % self.department
        if self.active_only:
            statement += " AND left_on IS NULL"
        return statement + " GROUP BY grade"


class HeadcountView(View):
    def post(self, request):
        try:
            payload = json.loads(request.body)
        except ValueError:
            return JsonResponse({"error": "invalid json"}, status=400)
        query = HeadcountQuery(payload)
        with connection.cursor() as cursor:
            cursor.execute(query.sql())
            rows = cursor.fetchall()
        return JsonResponse({"department": query.department, "grades": dict(rows)})
