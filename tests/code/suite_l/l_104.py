from django.http import HttpResponse, HttpResponseNotFound
from django.utils.html import format_html, format_html_join

from .models import Recipe


def recipe_card(request, slug):
    recipe = Recipe.objects.filter(slug=slug).first()
    if recipe is None:
        return HttpResponseNotFound(format_html("<p>No recipe called {}</p>", slug))
    servings = request.GET.get("servings", str(recipe.servings))
    note = request.GET.get("note", "")
    ingredients = format_html_join(
        "", "<li>{} {}</li>", ((i.amount, i.name) for i in recipe.ingredients.all())
    )
    card = format_html(
        "<article><h1>{}</h1><p>Serves {}</p><ul>{}</ul><p class='note'>{}</p></article>",
        recipe.title,
        servings,
        ingredients,
        note,
    )
    return HttpResponse(card)


def recipe_title(request, slug):
    recipe = Recipe.objects.filter(slug=slug).first()
    title = recipe.title if recipe else "Unknown"
    return HttpResponse(format_html("<h1>{}</h1>", title))
