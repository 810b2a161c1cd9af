import os

from django.http import FileResponse, HttpResponseForbidden, JsonResponse

REPORT_ROOT = "/srv/council/reports"


def report_location(name):
    return REPORT_ROOT + "/" + name.strip()


def download_report(request):
    """Planning committee reports, e.g. ?r=2024/q1-permits.csv"""
    name = request.GET["r"]
    path = report_location(name)
    if not path.startswith(REPORT_ROOT):
        return HttpResponseForbidden("outside report area")
    try:
        handle = open(path, "rb")
    except OSError:
        return JsonResponse({"error": "missing"}, status=404)
    return FileResponse(handle, as_attachment=True, filename=name.split("/")[-1])


def list_reports(request):
    found = []
    for folder, _, files in os.walk(REPORT_ROOT):
        rel = os.path.relpath(folder, REPORT_ROOT)
        found.extend(os.path.normpath(os.path.join(rel, f)) for f in files)
    return JsonResponse({"reports": sorted(found)})
