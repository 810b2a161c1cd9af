"""Django views for the download mirror selector."""
from django.http import HttpResponseRedirect, HttpResponseBadRequest, JsonResponse
from django.urls import path
from django.views.decorators.http import require_GET

MIRRORS = ["https://mirror1.example.org", "https://mirror2.example.org"]


def pick_mirror(request):
    preferred = request.GET.get("mirror")
    if preferred:
        return preferred
    return MIRRORS[hash(request.META.get("REMOTE_ADDR", "")) % len(MIRRORS)]


@require_GET
def download(request, release):
    if not release.replace(".", "").isdigit():
        return HttpResponseBadRequest("bad release")
    base = pick_mirror(request)
    return HttpResponseRedirect("%s/releases/%s/app.tar.gz" % (base, release))


@require_GET
def mirror_list(request):
    return JsonResponse({"mirrors": MIRRORS})


urlpatterns = [
    path("download/<str:release>/", download, name="download"),
    path("mirrors/", mirror_list, name="mirror-list"),
]
