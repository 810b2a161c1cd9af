from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods

from .models import TeacherProfile


def linebreaks_html(text):
    return "<br>".join(line.strip() for line in text.splitlines())


@login_required
@require_http_methods(["GET", "POST"])
def edit_profile(request):
    """School portal: teachers write a short bio shown on the class page."""
    profile, _ = TeacherProfile.objects.get_or_create(user=request.user)
    if request.method == "POST":
        profile.bio = request.POST.get("bio", "")[:2000]
        profile.save(update_fields=["bio"])
    context = {
        "profile": profile,
        "bio_html": mark_safe(linebreaks_html(profile.bio)),
    }
    return render(request, "portal/profile.html", context)


def public_profile(request, teacher_id):
    profile = TeacherProfile.objects.select_related("user").get(user_id=teacher_id)
    return render(request, "portal/public_profile.html", {"profile": profile})
