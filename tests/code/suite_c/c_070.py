from django.db import connection
from django.views.generic import TemplateView

from app.utils import clean_int
from billing.models import Customer


class CustomerBalanceView(TemplateView):
    template_name = "billing/balance.html"

    def get(self, request, *args, **kwargs):
        name = request.GET.get("name", "")
        customers = Customer.objects.filter(name__icontains=name).order_by("name")[:25]
        months = clean_int(request.GET.get("months"), default=3)
        with connection.cursor() as cur:
            cur.execute(f"SELECT SUM(amount) FROM payments WHERE paid_at > now() - interval '{months} months'")
            total = cur.fetchone()[0]
        return self.render_to_response({"customers": customers, "total": total, "months": months})
