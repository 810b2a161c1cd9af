from celery import shared_task

FORMULAS = {
    "net": "gross - tax - fees",
    "margin": "(gross - cost) / gross if gross else 0.0",
    "effective_tax": "tax / gross if gross else 0.0",
}


@shared_task
def compute_metric(payload):
    metric = payload.get("metric")
    formula = FORMULAS.get(metric)
    if formula is None:
        return {"error": "unknown metric"}
    variables = {
        name: float(payload.get(name, 0))
        for name in ("gross", "tax", "fees", "cost")
    }
    value = eval(formula, {"__builtins__": {}}, variables)
    return {"metric": metric, "value": round(value, 2)}
