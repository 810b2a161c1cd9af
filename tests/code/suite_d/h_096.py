"""Back-office: download an archived regulatory report."""
import os

from django.contrib.auth.decorators import permission_required
from django.http import FileResponse, Http404

ARCHIVE_ROOT = "/srv/regulatory/archive"


@permission_required("reports.view_regulatory")
def archived_report(request):
    requested = request.GET.get("name", "")
    name = os.path.basename(requested)
    if name in ("", ".", ".."):
        raise Http404("bad name")
    path = os.path.join(ARCHIVE_ROOT, name)
    if not os.path.isfile(path):
        raise Http404("not archived")
    return FileResponse(open(path, "rb"), as_attachment=True, filename=name)
