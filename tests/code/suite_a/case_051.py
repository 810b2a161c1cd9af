from django.http import HttpResponse
from django.urls import path


def profile_card(request, username):
    html = "<div class='card'><h3>{}</h3><p>Member profile of {}</p></div>".format(
        "Profile", username
    )
    return HttpResponse(html)


urlpatterns = [
    path("users/<str:username>/card", profile_card),
]
