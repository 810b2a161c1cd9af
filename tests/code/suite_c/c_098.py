import secrets

from django.http import JsonResponse
from django.views import View


class ApiSessionView(View):
    cookie_name = "portal_auth"

    def post(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return JsonResponse({"error": "login first"}, status=401)
        value = secrets.token_urlsafe(32)
        response = JsonResponse({"issued": True})
        response.set_cookie(self.cookie_name, value, max_age=3600, httponly=True, secure=False)
        return response
