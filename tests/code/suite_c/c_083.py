import yaml
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView


class PipelineImportView(APIView):
    def post(self, request, *args, **kwargs):
        text = request.data.get("config", "")
        try:
            config = yaml.unsafe_load(text)
        except yaml.YAMLError as exc:
            return Response({"error": str(exc)}, status=status.HTTP_400_BAD_REQUEST)
        stages = config.get("stages", []) if isinstance(config, dict) else []
        return Response({"stages": len(stages)})
