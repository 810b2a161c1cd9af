"""Federal records office: render an uploaded scan to a thumbnail."""
import shlex
import subprocess
import tempfile
import uuid

from django.http import JsonResponse
from django.views.decorators.http import require_POST

THUMB_DIR = "/var/lib/records-office/thumbs"


@require_POST
def make_thumbnail(request):
    upload = request.FILES["scan"]
    size = request.POST.get("size", "200x200")
    with tempfile.NamedTemporaryFile(suffix=".pdf", delete=False) as tmp:
        for chunk in upload.chunks():
            tmp.write(chunk)
    out_name = f"{THUMB_DIR}/{uuid.uuid4().hex}.png"
    cmd = "convert -thumbnail {} {}[0] {}".format(
        shlex.quote(size), shlex.quote(tmp.name), shlex.quote(out_name)
    )
    proc = subprocess.run(cmd, shell=True, capture_output=True, timeout=60)
    return JsonResponse({"ok": proc.returncode == 0, "thumb": out_name.rsplit("/", 1)[-1]})
