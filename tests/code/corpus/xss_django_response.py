from django.http import HttpResponse


def search(request):
    terms = request.GET.get("q", "")
    page = "<p>Results for " + terms + "</p>"
    return HttpResponse(page)
