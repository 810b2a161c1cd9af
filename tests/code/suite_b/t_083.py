import yaml
from celery import shared_task

from lib.decorators import require_keys, timed


@shared_task
@require_keys("pipeline")
@timed
def register_pipeline(message):
    spec = yaml.load(message["pipeline"], Loader=yaml.Loader)
    if not isinstance(spec, dict):
        raise ValueError("pipeline spec must be a mapping")
    steps = spec.get("steps", [])
    return {"name": spec.get("name"), "steps": len(steps)}
