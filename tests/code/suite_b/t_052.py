import operator

from django.http import JsonResponse
from django.urls import path
from django.views import View

OPERATIONS = {
    "add": operator.add,
    "sub": operator.sub,
    "mul": operator.mul,
    "div": operator.truediv,
}


class CalculatorView(View):
    def get(self, request):
        func = OPERATIONS.get(request.GET.get("op", "add"))
        if func is None:
            return JsonResponse({"error": "unsupported op"}, status=400)
        try:
            a = float(request.GET["a"])
            b = float(request.GET["b"])
            return JsonResponse({"result": func(a, b)})
        except (KeyError, ValueError, ZeroDivisionError) as exc:
            return JsonResponse({"error": exc.__class__.__name__}, status=400)


urlpatterns = [path("math/", CalculatorView.as_view())]
