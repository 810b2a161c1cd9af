from rest_framework.response import Response
from rest_framework.views import APIView

from app.storage import UserRepository, where_clause
from app.utils import normalize


class DepartmentUsersView(APIView):
    repo_class = UserRepository

    def get(self, request, *args, **kwargs):
        dept = normalize(request.query_params.get("department"))
        active = "1" if request.query_params.get("active", "1") == "1" else "0"
        clause = where_clause(department=dept, active=active)
        users = self.repo_class().search(clause)
        return Response({"count": len(users), "results": users})
