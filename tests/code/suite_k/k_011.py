from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.views.decorators.http import require_POST

HOOK_TEMPLATE = """
def on_ticket_created(ticket):
    ticket['tags'].append({tag!r} if ticket['priority'] == 'high' else 'normal')
    return {expression}
"""


def _strip_imports(source):
    return source.replace("import ", "")


class HookRegistry:
    def __init__(self):
        self.hooks = {}

    def register(self, name, source):
        namespace = {}
        exec(source, namespace)
        self.hooks[name] = namespace["on_ticket_created"]

    def run(self, name, ticket):
        return self.hooks[name](ticket)


registry = HookRegistry()


@login_required
@require_POST
def create_hook(request):
    name = request.POST.get("name", "default")
    tag = request.POST.get("tag", "triage")
    expression = _strip_imports(request.POST.get("expression", "ticket"))
    source = HOOK_TEMPLATE.format(tag=tag, expression=expression)
    registry.register(name, source)
    sample = {"priority": "high", "tags": []}
    return JsonResponse({"hook": name, "sample": registry.run(name, sample)})
