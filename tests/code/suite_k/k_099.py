from django.http import HttpResponse
from django.utils.html import format_html, format_html_join
from django.views import View

from .models import Booking


class BookingConfirmationView(View):
    """Booking site: confirmation snippet shown after checkout."""

    def get(self, request, reference):
        guest = request.GET.get("guest", "Guest")
        booking = Booking.objects.filter(reference=reference).first()
        nights = booking.nights if booking else []
        rows = format_html_join(
            "\n", "<li>{} &ndash; {}</li>", ((n.date, n.room_type) for n in nights)
        )
        html = format_html(
            "<section><h2>Thank you, {}!</h2><p>Reference: {}</p><ul>{}</ul></section>",
            guest, reference, rows,
        )
        return HttpResponse(html)


def receipt_header(request, reference):
    hotel = request.GET.get("hotel", "")
    return HttpResponse(
        format_html("<header><strong>{}</strong> <small>{}</small></header>",
                    hotel, reference)
    )
