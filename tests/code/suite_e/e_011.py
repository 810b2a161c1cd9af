"""Federal grants office: eligibility rules maintained by program staff."""
from django.http import JsonResponse
from django.views import View


class EligibilityRule:
    header = "def check(applicant):\n"

    def __init__(self, name, body):
        self.name = name
        self.body = body

    def source(self):
        lines = ["    " + ln for ln in self.body.splitlines() if ln.strip()]
        return self.header + "\n".join(lines) + "\n"

    def compile(self):
        namespace = {}
        exec(compile(self.source(), f"<rule {self.name}>", "exec"), namespace)
        return namespace["check"]


class RulePreviewView(View):
    def post(self, request):
        rule = EligibilityRule(request.POST["name"], request.POST["body"])
        sample = {"income": 41000, "household": 3, "state": "MT"}
        check = rule.compile()
        return JsonResponse({"rule": rule.name, "eligible": bool(check(sample))})
