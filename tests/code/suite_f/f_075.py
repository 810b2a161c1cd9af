"""Maple Ridge School District (Django): principals' dashboards, scoped by school."""
import functools

from django.http import HttpResponseForbidden, JsonResponse


def remember_param(name, session_key):
    """Keep a query parameter in the session so later pages keep the same scope."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            value = request.GET.get(name)
            if value:
                request.session[session_key] = value
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


@remember_param("school", "scope_school")
def discipline_dashboard(request):
    school = request.session.get("scope_school")
    if not school:
        return HttpResponseForbidden("no school in scope")
    return JsonResponse({"school": school, "incidents": []})
