from django.contrib.auth.decorators import login_required
from django.http import HttpResponseForbidden, JsonResponse

from .models import Clinic, Membership


@login_required
def switch_clinic(request):
    requested = request.GET.get("clinic", "")
    current = request.session.get("clinic_id")
    if current and not Membership.objects.filter(
        user=request.user, clinic_id=current
    ).exists():
        return HttpResponseForbidden("no access")
    request.session["clinic_id"] = requested
    return JsonResponse({"clinic": requested})


@login_required
def clinic_patients(request):
    clinic_id = request.session.get("clinic_id")
    if clinic_id is None:
        return JsonResponse({"error": "choose a clinic"}, status=400)
    clinic = Clinic.objects.get(pk=clinic_id)
    patients = list(clinic.patients.values("id", "name", "dob"))
    return JsonResponse({"clinic": clinic.name, "patients": patients})
