import hashlib
import random

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.urls import path
from django.views.decorators.http import require_POST

from api.models import ApiKey


@login_required
@require_POST
def create_api_key(request):
    label = request.POST.get("label", "default")[:40]
    raw = hashlib.sha256(str(random.random()).encode()).hexdigest()
    ApiKey.objects.create(
        user=request.user, label=label, prefix=raw[:8],
        key_hash=hashlib.sha256(raw.encode()).hexdigest(),
    )
    return JsonResponse({"label": label, "key": raw}, status=201)


urlpatterns = [path("api/keys", create_api_key)]
