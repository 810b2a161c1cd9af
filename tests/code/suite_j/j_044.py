"""Django views serving CSV exports produced by the nightly jobs."""
import os

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404


class ExportStorage:
    def __init__(self, root):
        self.root = root

    def path(self, *parts):
        return os.path.join(self.root, *parts)

    def open(self, *parts):
        return open(self.path(*parts), "rb")


storage = ExportStorage(os.path.join(settings.MEDIA_ROOT, "exports"))


@login_required
def download_export(request):
    name = request.GET.get("file", "")
    if not name:
        raise Http404("no file given")
    try:
        handle = storage.open(request.user.username, name)
    except FileNotFoundError:
        raise Http404("export not found")
    return FileResponse(handle, as_attachment=True, filename=os.path.basename(name))
