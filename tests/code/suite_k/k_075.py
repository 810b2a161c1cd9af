from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_POST

from .models import Membership


@login_required
@require_POST
def switch_tenant(request):
    """Logistics SaaS: switch the active company for a user with several memberships."""
    slug = request.POST.get("tenant", "")
    membership = get_object_or_404(
        Membership.objects.select_related("tenant"),
        user=request.user,
        tenant__slug=slug,
        active=True,
    )
    request.session["tenant_id"] = membership.tenant_id
    request.session["tenant_role"] = membership.role
    return JsonResponse({"tenant": membership.tenant.name, "role": membership.role})


@login_required
def current_tenant(request):
    tenant_id = request.session.get("tenant_id")
    if tenant_id is None:
        return JsonResponse({"tenant": None})
    membership = Membership.objects.filter(user=request.user, tenant_id=tenant_id,
                                           active=True).select_related("tenant").first()
    if membership is None:
        request.session.pop("tenant_id", None)
        return JsonResponse({"tenant": None})
    return JsonResponse({"tenant": membership.tenant.name, "role": membership.role})
