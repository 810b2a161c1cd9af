from django.conf import settings
from django.http import JsonResponse
from django.views import View


class LanguagePreferenceView(View):
    def post(self, request, *args, **kwargs):
        wanted = request.POST.get("language", "")
        supported = [code for code, _ in settings.LANGUAGES]
        matches = [code for code in supported if code == wanted]
        if not matches:
            return JsonResponse({"error": "unsupported"}, status=400)
        request.session["ui_language"] = matches[0]
        return JsonResponse({"language": matches[0]})
