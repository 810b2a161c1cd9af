"""Treasury admin: validate a loan pricing grid before import."""
import yaml
from django.contrib.auth.decorators import permission_required
from django.http import JsonResponse
from django.views.decorators.http import require_POST


@permission_required("loans.change_pricing")
@require_POST
def validate_pricing(request):
    upload = request.FILES.get("grid")
    if upload is None:
        return JsonResponse({"error": "no file"}, status=400)
    try:
        grid = yaml.safe_load(upload.read())
    except yaml.YAMLError:
        return JsonResponse({"error": "not valid YAML"}, status=400)
    problems = []
    for tier, row in (grid or {}).items():
        if not isinstance(row, dict) or "apr" not in row:
            problems.append(str(tier))
    return JsonResponse({"tiers": len(grid or {}), "problems": problems})
