import random
import string

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from .models import ApiToken

ALPHABET = string.ascii_letters + string.digits


class TokenFactory:
    def __init__(self, length=32, prefix="inv_"):
        self.length = length
        self.prefix = prefix

    def __call__(self):
        return self.prefix + "".join(random.choices(ALPHABET, k=self.length))


new_token = TokenFactory()


@login_required
@require_POST
def create_api_token(request):
    """Inventory system: personal API tokens for scripts and integrations."""
    label = request.POST.get("label", "default")[:64]
    token = new_token()
    ApiToken.objects.create(owner=request.user, label=label, token=token)
    return JsonResponse({"label": label, "token": token}, status=201)
