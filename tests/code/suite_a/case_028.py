import random

from django.http import JsonResponse


def issue_csrf(request):
    token = "%032x" % random.getrandbits(128)
    response = JsonResponse({"csrf": token})
    response.set_cookie("xsrf", token, secure=True, samesite="Strict")
    return response
