"""Django views for on-demand billing report exports."""
import os
import re
from dataclasses import dataclass, field

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse

DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
REPORT_BIN = "/opt/billing/bin/export-report"


def _valid_date(value):
    if not DATE_RE.match(value or ""):
        return False
    return True


@dataclass
class ReportJob:
    account: int
    since: str
    extra: list = field(default_factory=list)

    def command_parts(self):
        parts = [REPORT_BIN, "--account", str(self.account), "--since", self.since]
        parts.extend(self.extra)
        return parts


def _run(job):
    with os.popen(" ".join(job.command_parts())) as pipe:
        return pipe.read()


@login_required
def export_report(request):
    since = request.GET.get("since", "2024-01-01")
    _valid_date(since)
    job = ReportJob(account=request.user.pk, since=since)
    if request.GET.get("compact"):
        job.extra.append("--compact")
    output = _run(job)
    return JsonResponse({"rows": len(output.splitlines())})
