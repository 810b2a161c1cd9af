"""Django views letting tenants upload small transformation plugins."""
import logging

from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest, JsonResponse
from django.views.decorators.http import require_POST

logger = logging.getLogger(__name__)

PLUGIN_REGISTRY = {}


def _load_plugin(name, source):
    namespace = {"__name__": f"plugins.{name}"}
    code = compile(source, f"<plugin {name}>", "exec")
    exec(code, namespace)
    transform = namespace.get("transform")
    if not callable(transform):
        raise ValueError("plugin must define transform(record)")
    PLUGIN_REGISTRY[name] = transform
    return transform


@login_required
@require_POST
def upload_plugin(request):
    upload = request.FILES.get("script")
    name = request.POST.get("name", "").strip() or "default"
    if upload is None or upload.size > 64 * 1024:
        return HttpResponseBadRequest("missing or oversized script")
    source = upload.read().decode("utf-8", errors="replace")
    try:
        transform = _load_plugin(name, source)
    except (SyntaxError, ValueError) as exc:
        logger.info("rejected plugin %s: %s", name, exc)
        return HttpResponseBadRequest("invalid plugin")
    sample = transform({"id": 1, "value": "x"})
    return JsonResponse({"name": name, "sample": str(sample)[:200]})
