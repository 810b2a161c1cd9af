"""The whole pipeline, in the order the data flows: read → match → validate → decide → plan.

This is the one place that calls every stage; the command line and the server are thin layers
over it. Each stage only imports the stages below it (``tests/test_layers.py`` keeps the order).
"""

from aicc.pipeline.plan import plan_paths, plan_result
from aicc.pipeline.scan import read_inventories, redecide, scan, scan_inventories

__all__ = ["plan_paths", "plan_result", "read_inventories", "redecide", "scan", "scan_inventories"]
