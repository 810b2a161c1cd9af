from django.http import JsonResponse


def remember_language(request):
    response = JsonResponse({"ok": True})
    response.set_cookie("lang", "en", max_age=86400, secure=False, samesite="Lax")
    return response
