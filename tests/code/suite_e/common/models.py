"""Plain data containers shared across handlers."""
from dataclasses import dataclass, field
from typing import Dict, List


@dataclass
class WorkOrder:
    site: str
    action: str
    target: str = ""
    notes: List[str] = field(default_factory=list)


@dataclass
class LookupRequest:
    kind: str
    term: str
    extra: Dict[str, str] = field(default_factory=dict)


@dataclass
class Account:
    account_no: str
    holder: str
    branch: str = "main"
