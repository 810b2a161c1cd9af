import yaml
from django.http import JsonResponse
from django.views.decorators.http import require_POST


@require_POST
def upload_inventory(request):
    upload = request.FILES.get("inventory")
    if upload is None:
        return JsonResponse({"error": "no file"}, status=400)
    with upload.open("rb") as fh:
        data = yaml.load(fh.read(), Loader=yaml.SafeLoader)
    hosts = data.get("hosts", []) if isinstance(data, dict) else []
    return JsonResponse({"hosts": len(hosts)})
