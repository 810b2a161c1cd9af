import os

from django.conf import settings
from django.http import FileResponse, Http404
from django.urls import path

SYLLABUS_ROOT = getattr(settings, "SYLLABUS_ROOT", "/srv/timetable/syllabi")


def resolve_syllabus(relative):
    candidate = SYLLABUS_ROOT + "/" + relative
    if not candidate.startswith(SYLLABUS_ROOT):
        raise Http404("outside syllabus folder")
    return candidate


def syllabus_file(request, module_path):
    full = resolve_syllabus(module_path)
    if not os.path.exists(full):
        raise Http404("no syllabus")
    return FileResponse(open(full, "rb"), as_attachment=False)


def syllabus_index(request):
    from django.http import JsonResponse
    names = sorted(os.listdir(SYLLABUS_ROOT))
    return JsonResponse({"syllabi": names})


urlpatterns = [
    path("syllabi/", syllabus_index),
    path("syllabi/<path:module_path>", syllabus_file),
]
