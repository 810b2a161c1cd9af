"""Maple Ridge School District (Django): choose which of your schools a dashboard shows."""
import functools

from django.http import HttpResponseForbidden, JsonResponse


def scoped_school(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        requested = request.GET.get("school")
        allowed = set(request.user.staff_profile.schools.values_list("code", flat=True))
        if requested is not None:
            if requested not in allowed:
                return HttpResponseForbidden("not one of your schools")
            chosen = next(code for code in allowed if code == requested)
            request.session["scope_school"] = chosen
        return view(request, *args, **kwargs)

    return wrapper


@scoped_school
def attendance_dashboard(request):
    return JsonResponse({"school": request.session.get("scope_school"), "absences": []})
