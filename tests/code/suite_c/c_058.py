from rest_framework.response import Response
from rest_framework.views import APIView


class WizardStepView(APIView):
    prefix = "wizard_"

    def post(self, request, *args, **kwargs):
        step = {f"{self.prefix}{k}": v for k, v in request.data.items()}
        request.session.update(step)
        request.session[self.prefix + "last_step"] = len(step)
        return Response({"saved": sorted(step)})
