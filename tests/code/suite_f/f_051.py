"""Maple Ridge School District parent portal (Django): switch the active student, then go back."""
from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View


class SwitchStudentView(View):
    default_target = "/parents/dashboard/"

    def post(self, request, student_id):
        request.user.guardian_profile.switch_to(int(student_id))
        candidate = request.POST.get("next") or self.default_target
        if not url_has_allowed_host_and_scheme(
            request.POST.get("return_to", self.default_target),
            allowed_hosts={request.get_host()},
            require_https=request.is_secure(),
        ):
            candidate = self.default_target if not candidate else candidate
        return HttpResponseRedirect(candidate)
