"""Safe: the language kept in the Django session is either one of the supported codes or the
constant default, never arbitrary client text."""

from django.http import JsonResponse

SUPPORTED = ("en", "fr", "de", "es")


def set_language(request):
    wanted = request.GET.get("lang", "en")
    request.session["lang"] = wanted if wanted in SUPPORTED else "en"
    return JsonResponse({"ok": True})
