"""Back-office: encrypt a statement export for a correspondent bank."""
import subprocess
import uuid

from django.contrib.auth.decorators import permission_required
from django.http import JsonResponse
from django.views.decorators.http import require_POST

EXPORT_DIR = "/srv/exports"


@permission_required("reports.export_statements")
@require_POST
def encrypt_export(request):
    recipient = request.POST.get("recipient_key", "")
    source = "%s/pending/statements.csv" % EXPORT_DIR
    target = "%s/outbound/%s.csv.gpg" % (EXPORT_DIR, uuid.uuid4().hex)
    cmd = "gpg --batch --yes --trust-model always"
    cmd += " --recipient " + recipient
    cmd += " --output " + target + " --encrypt " + source
    proc = subprocess.Popen(cmd, shell=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, err = proc.communicate(timeout=120)
    if proc.returncode != 0:
        return JsonResponse({"ok": False, "error": err.decode(errors="replace")[-500:]}, status=500)
    return JsonResponse({"ok": True, "file": target})
