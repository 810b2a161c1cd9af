"""Electric co-op member portal (Django): log out and return to where the member was."""
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View


class MemberLogoutView(View):
    fallback = "/members/"

    def safe_target(self, request):
        target = request.GET.get("next", "")
        if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
            return target
        return self.fallback

    def get(self, request):
        target = self.safe_target(request)
        logout(request)
        return redirect(target)
