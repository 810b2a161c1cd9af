import yaml
from rest_framework.response import Response
from rest_framework.views import APIView


class PipelineValidateView(APIView):
    def post(self, request, *args, **kwargs):
        text = request.data.get("config", "")
        try:
            config = yaml.safe_load(text) or {}
        except yaml.YAMLError:
            return Response({"valid": False}, status=400)
        stages = config.get("stages") if isinstance(config, dict) else None
        return Response({"valid": isinstance(stages, list), "stages": len(stages or [])})
