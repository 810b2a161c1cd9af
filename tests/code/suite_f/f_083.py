"""Maple Ridge School District (Django): bulk-create student accounts with first-login passwords."""
import random
import string

from django.contrib.auth.models import User
from django.http import JsonResponse
from django.views import View


class StudentAccountCreator:
    alphabet = string.ascii_lowercase + string.digits
    pick = staticmethod(random.choices)

    def temporary_password(self):
        return "".join(self.pick(self.alphabet, k=10))

    def create(self, student_number, first_name, last_name):
        password = self.temporary_password()
        user = User.objects.create_user(username=f"s{student_number}", first_name=first_name, last_name=last_name)
        user.set_password(password)
        user.save()
        return user.username, password


class BulkStudentAccountsView(View):
    def post(self, request):
        creator = StudentAccountCreator()
        created = []
        for line in request.POST.get("roster", "").splitlines():
            number, first, last = [part.strip() for part in line.split(",")]
            created.append(creator.create(number, first, last))
        return JsonResponse({"accounts": [{"username": u, "first_password": p} for u, p in created]})
