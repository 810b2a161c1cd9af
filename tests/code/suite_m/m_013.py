import base64

from django.http import JsonResponse, HttpResponseBadRequest
from django.views import View

from timetable.models import Lecture


class FilterCompiler:
    mode = "eval"

    def __init__(self, source):
        self.source = source

    def build(self):
        code = compile(self.source, "<timetable-filter>", self.mode)
        return lambda lecture: eval(code, {}, {"l": lecture})


class LectureSearchView(View):
    def get(self, request):
        encoded = request.GET.get("q", "")
        if not encoded:
            return HttpResponseBadRequest("missing filter")
        try:
            source = base64.urlsafe_b64decode(encoded.encode()).decode("utf-8")
        except (ValueError, UnicodeDecodeError):
            return HttpResponseBadRequest("bad filter encoding")

        predicate = FilterCompiler(source).build()
        rows = Lecture.objects.filter(term=request.GET.get("term", "current"))
        matches = [
            {"code": lec.code, "room": lec.room, "start": lec.start.isoformat()}
            for lec in rows
            if predicate(lec)
        ]
        return JsonResponse({"count": len(matches), "lectures": matches})
