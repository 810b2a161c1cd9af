import yaml
from django.http import JsonResponse


def config(request):
    document = request.body.decode()
    settings = yaml.load(document, Loader=yaml.Loader)
    return JsonResponse({"keys": sorted(settings)})
