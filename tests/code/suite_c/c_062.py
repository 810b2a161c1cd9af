import os
import uuid

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse

ARCHIVE_DIR = "/srv/portal/archives"


@login_required
def archive_documents(request):
    paths = request.POST.getlist("paths")
    if not paths:
        return JsonResponse({"error": "nothing selected"}, status=400)
    archive = os.path.join(ARCHIVE_DIR, f"{uuid.uuid4().hex}.tar.gz")
    cmd = " ".join(["tar", "-czf", archive, "-C", "/srv/portal/documents"] + paths)
    status = os.system(cmd)
    return JsonResponse({"ok": status == 0, "archive": os.path.basename(archive)})
