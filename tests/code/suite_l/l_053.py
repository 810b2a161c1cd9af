from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST

from .models import Permit


def return_address(request, default="/permits/"):
    value = request.POST.get("return_to", "") or default
    return value.strip()


@login_required
@require_POST
def withdraw_permit(request, permit_id):
    permit = get_object_or_404(Permit, pk=permit_id, applicant=request.user)
    permit.status = "withdrawn"
    permit.save(update_fields=["status"])
    return HttpResponseRedirect(return_address(request))


@login_required
def permit_detail(request, permit_id):
    permit = get_object_or_404(Permit, pk=permit_id, applicant=request.user)
    return render(request, "permits/detail.html", {"permit": permit})
