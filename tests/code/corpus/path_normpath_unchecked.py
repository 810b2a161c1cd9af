"""Vulnerable: normpath() folds "a/../b" but keeps leading "../", and nothing checks the
result stays under the template folder before it is read."""

import os

from django.http import JsonResponse

TEMPLATES = "/srv/mail-templates"


def template_size(request):
    name = request.GET.get("template", "welcome.txt")
    path = os.path.normpath(os.path.join(TEMPLATES, name))
    with open(path, encoding="utf-8") as handle:
        return JsonResponse({"size": len(handle.read())})
