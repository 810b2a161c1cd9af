from django.http import FileResponse, Http404
from django.urls import path

REPORT_DIR = "/srv/app/reports"


def monthly_report(request, year):
    region = request.GET.get("region", "global")
    filename = f"{REPORT_DIR}/{year}/{region}.csv"
    try:
        handle = open(filename, "rb")
    except FileNotFoundError:
        raise Http404("report not found")
    return FileResponse(handle, content_type="text/csv", as_attachment=True)


urlpatterns = [
    path("reports/<int:year>/", monthly_report, name="monthly-report"),
]
