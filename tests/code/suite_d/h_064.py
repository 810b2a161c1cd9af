"""Treasury admin: upload a deposit rate sheet."""
import yaml
from django.contrib.auth.decorators import permission_required
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from rates.models import DepositRate


@permission_required("rates.change_depositrate")
@require_POST
def upload_rate_sheet(request):
    upload = request.FILES.get("sheet")
    if upload is None:
        return JsonResponse({"error": "no file"}, status=400)
    sheet = yaml.unsafe_load(upload.read().decode("utf-8"))
    updated = 0
    for product, rate in (sheet or {}).get("rates", {}).items():
        updated += DepositRate.objects.filter(product_code=str(product)).update(apy=str(rate))
    return JsonResponse({"updated": updated})
