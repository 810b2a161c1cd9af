"""Back-office: customer note preview."""
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils.html import format_html, format_html_join


@login_required
def note_preview(request):
    subject = request.POST.get("subject", "")
    lines = request.POST.get("body", "").splitlines()
    body = format_html_join("", "<p>{}</p>", ((line,) for line in lines))
    page = format_html(
        "<html><body><h2>{}</h2><div class='note'>{}</div><p>by {}</p></body></html>",
        subject,
        body,
        request.user.get_username(),
    )
    return HttpResponse(page)
