from django.db import connection
from django.http import JsonResponse
from django.views import View


class GradeReport:
    SQL = """
        SELECT s.id, s.full_name, AVG(g.score)
        FROM school_student s
        JOIN school_grade g ON g.student_id = s.id
        WHERE s.class_code = %s AND g.term = %s AND s.full_name ILIKE %s
        GROUP BY s.id, s.full_name
        ORDER BY s.full_name
    """

    def __init__(self, class_code, term):
        self.class_code = class_code
        self.term = term

    def rows(self, name_prefix=""):
        pattern = name_prefix.replace("%", r"\%").replace("_", r"\_") + "%"
        with connection.cursor() as cur:
            cur.execute(self.SQL, [self.class_code, self.term, pattern])
            return cur.fetchall()


class ClassReportView(View):
    """School portal: average score per student for one class and term."""

    def get(self, request, class_code):
        report = GradeReport(class_code, request.GET.get("term", "autumn"))
        data = [
            {"id": sid, "name": name, "average": float(avg or 0)}
            for sid, name, avg in report.rows(request.GET.get("name", ""))
        ]
        return JsonResponse({"class": class_code, "students": data})
