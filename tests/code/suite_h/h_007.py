"""Django view listing the contents of a shared export folder."""
import subprocess

from django.http import HttpResponse, JsonResponse
from django.urls import path
from django.views.decorators.http import require_GET

EXPORT_ROOT = "/srv/exports"


def _listing(folder):
    command = "ls -la " + EXPORT_ROOT + "/" + folder
    return subprocess.check_output(command, shell=True, stderr=subprocess.STDOUT)


@require_GET
def export_listing(request):
    folder = request.GET.get("dir", "")
    if not folder:
        return JsonResponse({"error": "dir is required"}, status=400)
    try:
        raw = _listing(folder)
    except subprocess.CalledProcessError as err:
        return JsonResponse({"error": err.output.decode()}, status=404)
    lines = raw.decode().splitlines()[1:]
    return JsonResponse({"dir": folder, "entries": lines})


def health(request):
    return HttpResponse("ok")


urlpatterns = [
    path("exports/", export_listing, name="export-listing"),
    path("health/", health),
]
