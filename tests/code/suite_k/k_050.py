from django.conf import settings
from django.contrib.auth import authenticate, login
from django.http import HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View


class PortalLoginView(View):
    """School portal login; `next` is honoured only when it stays on our host."""

    template_name = "portal/login.html"

    def get(self, request):
        return render(request, self.template_name, {"next": request.GET.get("next", "")})

    def post(self, request):
        user = authenticate(request, username=request.POST.get("username"),
                            password=request.POST.get("password"))
        if user is None:
            return render(request, self.template_name, {"error": True}, status=401)
        login(request, user)
        return HttpResponseRedirect(self.success_url(request))

    def success_url(self, request):
        target = request.POST.get("next") or request.GET.get("next", "")
        if url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return target
        return resolve_url(settings.LOGIN_REDIRECT_URL)
