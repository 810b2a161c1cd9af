from django.http import JsonResponse
from django.views.decorators.http import require_GET


@require_GET
def switch_view(request):
    role = request.GET.get("role", "viewer")
    request.session["role"] = role
    request.session.modified = True
    return JsonResponse({"ok": True})
