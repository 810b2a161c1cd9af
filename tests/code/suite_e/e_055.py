"""Federal office: close a support ticket and go back where the user came from."""
from django.http import HttpResponseRedirect
from django.views import View


class CloseTicketView(View):
    success_url = "/tickets/"
    redirect_field = "return_url"

    def get_success_url(self):
        return self.request.POST.get(self.redirect_field) or self.success_url

    def post(self, request, ticket_id):
        # ticket closing elided
        return HttpResponseRedirect(self.get_success_url())
