from django.http import FileResponse, Http404
from django.views import View

from app.reports import REPORT_DIR


class ReportDownloadView(View):
    def get(self, request, *args, **kwargs):
        report = request.GET.get("report", "")
        year = request.GET.get("year", "2024")
        path = f"{REPORT_DIR}/{report}"
        try:
            handle = open(path, "rb")
        except OSError:
            raise Http404("report not found")
        return FileResponse(handle, filename=f"report-{year}.pdf")
