import operator
import re

from django.http import JsonResponse
from django.views import View

OPS = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv}
PATTERN = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*([-+*/])\s*(-?\d+(?:\.\d+)?)\s*$")


class QuickCalcView(View):
    def get(self, request, *args, **kwargs):
        match = PATTERN.match(request.GET.get("q", ""))
        if match is None:
            return JsonResponse({"error": "use: number op number"}, status=400)
        left, op, right = match.groups()
        try:
            value = OPS[op](float(left), float(right))
        except ZeroDivisionError:
            return JsonResponse({"error": "division by zero"}, status=400)
        return JsonResponse({"result": value})
