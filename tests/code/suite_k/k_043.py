import os

from django.conf import settings
from django.http import FileResponse, Http404, JsonResponse
from django.views.generic import View


def resolve_inside(base, *parts):
    base = os.path.realpath(base)
    candidate = os.path.realpath(os.path.join(base, *parts))
    if os.path.commonpath([base, candidate]) != base:
        raise Http404("not found")
    return candidate


class Coursework(View):
    """School portal: students download the files handed out for a class."""

    def get(self, request, class_code):
        filename = request.GET.get("file", "")
        if not filename:
            raise Http404("missing file")
        path = resolve_inside(settings.COURSEWORK_ROOT, class_code, filename)
        if not os.path.isfile(path):
            raise Http404("not found")
        return FileResponse(open(path, "rb"), as_attachment=True,
                            filename=os.path.basename(path))


class CourseworkIndex(View):
    def get(self, request, class_code):
        folder = resolve_inside(settings.COURSEWORK_ROOT, class_code)
        names = sorted(os.listdir(folder)) if os.path.isdir(folder) else []
        return JsonResponse({"class": class_code, "files": names})
