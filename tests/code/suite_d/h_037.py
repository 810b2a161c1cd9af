"""Loan operations: officer sets the working approval limit for this session."""
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.views.decorators.http import require_POST


@login_required
@require_POST
def set_working_limit(request):
    limit = request.POST.get("limit")
    if limit is None:
        return JsonResponse({"error": "limit required"}, status=400)
    request.session["approval_limit"] = limit
    request.session["limit_set_by"] = request.user.get_username()
    return JsonResponse({"approval_limit": limit})
