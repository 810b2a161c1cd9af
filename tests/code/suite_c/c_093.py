from rest_framework.response import Response
from rest_framework.views import APIView

from app.storage import UserRepository, bound_where
from app.utils import normalize, pick_sort


class UserDirectoryView(APIView):
    def get(self, request, *args, **kwargs):
        qp = request.query_params
        filters = {"department": normalize(qp.get("department"))}
        if qp.get("location"):
            filters["location"] = normalize(qp["location"])
        clause, params = bound_where(**filters)
        order = pick_sort(qp.get("sort", "name"))
        users = UserRepository().search(clause, params, order=order)
        return Response({"results": users})
