from django import forms
from django.http import JsonResponse


class PricingRuleForm(forms.Form):
    sku = forms.CharField(max_length=32)
    rule = forms.CharField(widget=forms.Textarea, max_length=2000)
    base_price = forms.DecimalField(max_digits=10, decimal_places=2)


def preview_rule(request):
    form = PricingRuleForm(request.POST or None)
    if not form.is_valid():
        return JsonResponse({"errors": form.errors}, status=400)
    data = form.cleaned_data
    scope = {"price": float(data["base_price"]), "sku": data["sku"]}
    code = compile(data["rule"], "<pricing-rule>", "exec")
    exec(code, scope)
    return JsonResponse({"sku": data["sku"], "price": scope.get("price")})
