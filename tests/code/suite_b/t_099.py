import yaml
from celery import shared_task

from lib.decorators import require_keys


@shared_task
@require_keys("pipeline")
def register_pipeline(message):
    spec = yaml.safe_load(message["pipeline"])
    if not isinstance(spec, dict):
        raise ValueError("pipeline spec must be a mapping")
    steps = spec.get("steps", [])
    names = [s.get("name", "?") for s in steps if isinstance(s, dict)]
    return {"name": spec.get("name"), "steps": names}
