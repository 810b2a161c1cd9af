"""School district: teacher profile page with a short biography."""
from django.http import HttpResponse
from django.utils.safestring import mark_safe
from django.template import Context, Template

PROFILE = Template("<h1>{{ name }}</h1><section class='bio'>{{ bio }}</section>")


def remove_scripts(html):
    return html.replace("<script>", "").replace("</script>", "")


def preview_profile(request):
    name = request.POST.get("name", "")
    bio = mark_safe("<div>" + remove_scripts(request.POST.get("bio", "")) + "</div>")
    return HttpResponse(PROFILE.render(Context({"name": name, "bio": bio})))
