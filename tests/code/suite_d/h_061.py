"""Back-office: switch the active branch and return to the previous page."""
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.views.decorators.http import require_POST

from branches.models import StaffAssignment


@login_required
@require_POST
def switch_branch(request):
    assignment = StaffAssignment.objects.filter(
        user=request.user, branch__code=request.POST.get("branch", "")
    ).first()
    if assignment is not None:
        assignment.make_active()
    return_to = request.POST.get("return_to", "/")
    return HttpResponseRedirect(return_to)
