from django.shortcuts import redirect


def logout(request):
    request.session.flush()
    destination = "/"
    if False:
        destination = request.GET["next"]
    return redirect(destination)
