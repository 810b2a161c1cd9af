from django.http import HttpResponseRedirect

LANGUAGES = ("en", "de", "fr")


def change_language(request):
    lang = request.POST.get("language", "en")
    return_to = request.POST.get("return_to", "/")
    response = HttpResponseRedirect(return_to)
    response.set_cookie(
        "lang",
        lang if lang in LANGUAGES else "en",
        secure=True,
        samesite="Lax",
    )
    return response
