"""The pipeline's output: one record per finding, and the scan that carries them.

Every stage after matching adds to the same record (evidence, decisions, VEX, reachability,
risk), and every report, the plan included, reads those records: there are no parallel lists
to keep aligned.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from aicc.core.components import Component, Inventory
from aicc.core.evidence import Decision, Evidence
from aicc.core.findings import Finding
from aicc.core.problems import Identification, Problem, Unmatched
from aicc.core.reachability import Reachability
from aicc.core.vex import VexStatement

# The official tables a decision may come from (see aicc/data/ssvc).
DEPLOYER = "ssvc:DT_DP:1.0.0"
COORDINATOR = "cisa:DT_CO:2.0.3"
BOD_26_04 = "cisa:DT_BOD2604:1.0.0"

# Deployer outcomes, most urgent first (ssvc:DSOI: Immediate, Out-of-Cycle, Scheduled, Defer).
DEPLOYER_RANK = {"I": 0, "O": 1, "S": 2, "D": 3}


@dataclass(frozen=True, eq=False)  # identity: two findings may be alike field for field
class FindingRecord:
    """One finding with everything the pipeline knows about it.

    ``evidence`` and ``decisions`` are set when the scan was decided (a sector profile was
    given), ``vex`` when a VEX statement speaks for the finding, ``reachability`` when the
    source was analysed; ``risk`` is the plan's score (``aicc.prioritize.risk``).
    """

    finding: Finding
    evidence: Evidence | None = None
    decisions: tuple[Decision, ...] = ()
    vex: VexStatement | None = None
    reachability: Reachability | None = None
    risk: float = 0.0

    @property
    def suppressed(self) -> bool:
        """A VEX statement says the finding is not_affected or fixed."""
        return self.vex is not None and self.vex.suppresses

    @property
    def deployer(self) -> Decision | None:
        return next((d for d in self.decisions if d.table == DEPLOYER), None)

    @property
    def bod(self) -> Decision | None:
        return next((d for d in self.decisions if d.table == BOD_26_04), None)

    @property
    def due(self) -> date | None:
        return min((d.due for d in self.decisions if d.due is not None), default=None)

    @property
    def deployer_rank(self) -> int:
        """0 (Immediate) to 3 (Defer); 4 when undecided."""
        deployer = self.deployer
        return DEPLOYER_RANK.get(deployer.outcome, 4) if deployer else 4


@dataclass
class ScanResult:
    """What a scan read, what it found (one record per finding), and what it could not use."""

    inventories: list[Inventory] = field(default_factory=list)
    records: list[FindingRecord] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)
    unmatched: list[Unmatched] = field(default_factory=list)  # entries naming no known product
    identified: list[Identification] = field(default_factory=list)  # and those naming one
    warnings: list[str] = field(default_factory=list)  # about the knowledge base it used
    knowledge_empty: bool = False  # nothing could be found: no advisory was there to match
    decided: bool = False  # evidence and decisions were added (a sector profile was given)
    vex_applied: bool = False  # VEX documents were given

    @property
    def components(self) -> list[Component]:
        return [c for inventory in self.inventories for c in inventory.components]

    @property
    def findings(self) -> list[Finding]:
        return [r.finding for r in self.records]

    @property
    def open_records(self) -> list[FindingRecord]:
        """The records no VEX statement suppresses: what still needs an answer."""
        return [r for r in self.records if not r.suppressed]
