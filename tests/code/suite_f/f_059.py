"""Electric co-op member portal (Django): 'keep me signed in' cookie."""
from django.contrib.auth import authenticate, login
from django.core import signing
from django.http import HttpResponseRedirect, JsonResponse
from django.views import View

REMEMBER_SECONDS = 60 * 60 * 24 * 30


class MemberLoginView(View):
    def post(self, request):
        user = authenticate(request, username=request.POST.get("account"), password=request.POST.get("password"))
        if user is None:
            return JsonResponse({"ok": False}, status=401)
        login(request, user)
        response = HttpResponseRedirect("/members/")
        if request.POST.get("remember") == "on":
            token = signing.dumps({"uid": user.pk}, salt="member-remember")
            response.set_cookie("hvec_remember", token, max_age=REMEMBER_SECONDS, httponly=True, samesite="Lax")
        return response
