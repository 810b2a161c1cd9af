"""Back-office: download a generated statement."""
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404

from common.files import join_path

STATEMENT_ROOT = "/srv/statements"


@login_required
def statement_download(request):
    filename = request.GET.get("file", "")
    if not filename:
        raise Http404("no statement requested")
    full_path = join_path(STATEMENT_ROOT, filename)
    try:
        handle = open(full_path, "rb")
    except FileNotFoundError:
        raise Http404("statement not found")
    return FileResponse(handle, as_attachment=True, filename="statement.pdf")
