import ast

from django.http import JsonResponse


def import_settings(request):
    raw = request.POST.get("settings", "{}")
    try:
        settings = ast.literal_eval(raw)
    except (ValueError, SyntaxError):
        return JsonResponse({"error": "invalid"}, status=400)
    if not isinstance(settings, dict):
        return JsonResponse({"error": "expected a mapping"}, status=400)
    return JsonResponse({"keys": sorted(str(k) for k in settings)})
