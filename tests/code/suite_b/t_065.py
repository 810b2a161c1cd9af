import random

from django.http import JsonResponse
from django.urls import path

from quiz.models import Question


def practice_round(request, topic):
    questions = list(Question.objects.filter(topic__slug=topic).values("id", "text", "choices"))
    picked = random.sample(questions, k=min(10, len(questions)))
    for q in picked:
        random.shuffle(q["choices"])
    return JsonResponse({"topic": topic, "questions": picked})


urlpatterns = [path("quiz/<slug:topic>/practice", practice_round)]
