"""Federal office: choose the interface language for the benefits portal."""
from django.http import JsonResponse

SUPPORTED = ("en", "es", "vi", "zh-hans", "tl")


def set_language(request):
    lang = request.POST.get("lang", "en").lower()
    if lang not in SUPPORTED:
        return JsonResponse({"error": "unsupported language"}, status=400)
    request.session["ui_lang"] = SUPPORTED[SUPPORTED.index(lang)]
    return JsonResponse({"lang": request.session["ui_lang"]})
