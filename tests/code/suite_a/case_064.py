import yaml
from django.http import JsonResponse


def upload_pipeline(request):
    uploaded = request.FILES["pipeline"]
    config = yaml.load(uploaded.read(), Loader=yaml.Loader)
    steps = config.get("steps", []) if isinstance(config, dict) else []
    names = [str(s.get("name", "?")) for s in steps if isinstance(s, dict)]
    return JsonResponse({"steps": len(steps), "names": names})
