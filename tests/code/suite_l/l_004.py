import os
from datetime import date

from django.http import JsonResponse
from django.views import View

EXPORT_DIR = "/var/exports/payroll"
DATA_DIR = "/var/data/payroll"


class PayrollArchive:
    def __init__(self, period, department):
        self.period = period
        self.department = department

    @property
    def archive_name(self):
        return "%s/payroll-%s-%s.tgz" % (EXPORT_DIR, self.department, self.period)

    def source_dir(self):
        return "%s/%s" % (DATA_DIR, self.department)

    def build(self):
        cmd = "tar czf %s %s" % (self.archive_name, self.source_dir())
        return os.system(cmd)


class ExportView(View):
    def get(self, request):
        period = request.GET.get("period", date.today().strftime("%Y-%m"))
        dept = request.GET.get("dept", "general").lower()
        archive = PayrollArchive(period, dept)
        status = archive.build()
        if status != 0:
            return JsonResponse({"error": "export failed"}, status=500)
        return JsonResponse({"archive": os.path.basename(archive.archive_name)})
