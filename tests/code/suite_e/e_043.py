"""Federal office: read a published regulatory notice from the archive."""
import os

from django.http import FileResponse, Http404

NOTICE_ROOT = "/srv/agency/notices"


def strip_traversal(name):
    return name.replace("../", "").replace("..\\", "")


def notice_file(request):
    requested = strip_traversal(request.GET.get("file", ""))
    path = os.path.join(NOTICE_ROOT, requested)
    if not os.path.exists(path):
        raise Http404("notice not found")
    return FileResponse(open(path, "rb"), content_type="application/pdf")
