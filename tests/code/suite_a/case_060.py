import os

from django.http import HttpResponseBadRequest, JsonResponse

ALLOWED_CHECKS = ("uptime", "df -h", "free -m")


def diagnostics(request):
    check = request.POST.get("check", "")
    if check not in ALLOWED_CHECKS:
        return HttpResponseBadRequest("unknown check")
    with os.popen(check) as pipe:
        output = pipe.read()
    return JsonResponse({"check": check, "output": output})
