from defusedxml import ElementTree as SafeET
from django.http import JsonResponse
from django.views import View


class FeedUploadView(View):
    def post(self, request, *args, **kwargs):
        upload = request.FILES.get("feed")
        if upload is None:
            return JsonResponse({"error": "missing feed"}, status=400)
        tree = SafeET.parse(upload)
        titles = [item.findtext("title") for item in tree.getroot().iter("item")]
        return JsonResponse({"items": len(titles), "titles": titles[:10]})
