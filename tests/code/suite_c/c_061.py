from django.contrib.auth import logout
from django.http import HttpResponseRedirect
from django.views import View


class LogoutView(View):
    default_target = "/"

    def get(self, request, *args, **kwargs):
        return_to = request.GET.get("return_to", self.default_target)
        logout(request)
        response = HttpResponseRedirect(return_to)
        response["Cache-Control"] = "no-store"
        return response
