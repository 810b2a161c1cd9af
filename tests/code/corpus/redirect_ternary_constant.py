"""Vulnerable: the ternary's condition is the constant True, so the redirect goes to the
client's "next" URL."""

from django.shortcuts import redirect

HONOUR_NEXT = True


def signed_in(request):
    wanted = request.GET.get("next", "/")
    destination = wanted if HONOUR_NEXT else "/dashboard"
    return redirect(destination)
