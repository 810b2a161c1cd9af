from django.http import JsonResponse
from django.views.decorators.http import require_POST


@require_POST
def set_page_size(request):
    try:
        size = int(request.POST.get("page_size", "25"))
    except ValueError:
        size = 25
    request.session["page_size"] = min(max(size, 10), 100)
    return JsonResponse({"page_size": request.session["page_size"]})
