"""Django view rendering a small profile card fragment."""
from django.contrib.auth import get_user_model
from django.http import Http404, HttpResponse, JsonResponse
from django.utils.html import format_html, format_html_join

User = get_user_model()


def _badges(badges):
    return format_html_join("", '<span class="badge">{}</span>', ((b,) for b in badges))


def profile_card(request, username):
    try:
        user = User.objects.get(username=username)
    except User.DoesNotExist:
        raise Http404()
    note = request.GET.get("note", "")
    html = format_html(
        '<div class="card"><h2>{}</h2><p>{}</p><div>{}</div><small>{}</small></div>',
        user.get_full_name() or user.username,
        user.profile.bio,
        _badges(user.profile.badges),
        note,
    )
    return HttpResponse(html)


def profile_json(request, username):
    user = User.objects.filter(username=username).first()
    if user is None:
        raise Http404()
    return JsonResponse(
        {
            "username": user.username,
            "name": user.get_full_name(),
            "badges": list(user.profile.badges),
        }
    )
