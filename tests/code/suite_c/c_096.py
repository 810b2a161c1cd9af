from pathlib import Path

from django.http import Http404, HttpResponseForbidden, JsonResponse

LOG_ROOT = Path("/var/log/portal").resolve()


def tail_log(request):
    requested = request.GET.get("log", "app.log")
    target = (LOG_ROOT / requested).resolve()
    if not target.is_relative_to(LOG_ROOT):
        return HttpResponseForbidden("forbidden")
    if not target.is_file():
        raise Http404("no such log")
    lines = target.read_text(errors="replace").splitlines()[-100:]
    return JsonResponse({"log": target.name, "lines": lines})
