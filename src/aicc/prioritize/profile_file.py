"""The shape of a sector profile file (see `aicc.prioritize.profiles`), and the profile read
from it: the models say which keys there are and what they hold; the values are then checked
against the SSVC tables, each problem named by file, key and line."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Annotated

from pydantic import AfterValidator, Field

from aicc.core.results import COORDINATOR, DEPLOYER
from aicc.core.typed_files import (
    AS_MAPPING,
    AS_TEXT,
    FileModel,
    FileProblem,
    by_shape,
    expect,
    locate,
    problem_at,
    read_typed,
)
from aicc.core.yamlfile import YamlDocument
from aicc.prioritize.profiles import (
    DEFAULT,
    Clock,
    Note,
    Profile,
    ProfileError,
    _normal,
    outcome_key,
    point,
    value_key,
)
from aicc.prioritize.ssvc import SsvcError, table


def _with_default(impacts: dict[str, str]) -> dict[str, str]:
    if DEFAULT not in impacts:
        raise problem_at(None, f'expected a mapping of asset class to value, with "{DEFAULT}"')
    return impacts


# asset class -> a value of the table's decision point, by key or name (checked when built)
Impacts = Annotated[dict[str, str], AfterValidator(_with_default)]
Days = Annotated[Annotated[int, Field(ge=0)] | None, expect("a whole number of days or null")]


class ClockModel(FileModel):
    """``clocks.TABLE``: days per outcome of that table."""

    days: dict[str, Days]  # outcome, by key or name -> days, or null for no deadline
    binding: bool = False


class NoteModel(FileModel):
    """``notes[i]`` written as a mapping."""

    text: str
    status: str | None = None


NoteItem = Annotated[
    Annotated[str, AS_TEXT] | Annotated[NoteModel, AS_MAPPING],
    by_shape("text, or a mapping with text and status"),
]


class ProfileFile(FileModel):
    """A whole profile file."""

    name: str | None = None  # the file's name without .yaml when absent
    description: str = ""
    human_impact: Impacts  # ssvc:HI of the CERT/CC deployer table
    mission_impact: Impacts  # ssvc:MWI of the CISA coordinator table
    clocks: dict[str, ClockModel] | None = None  # table id -> clock
    notes: list[NoteItem] | None = None


def build_profile(document: YamlDocument, path: Path) -> Profile:
    """The profile ``document`` describes; `ProfileError` naming file, key and line."""

    def error(problem: FileProblem) -> ProfileError:
        return ProfileError(
            problem.message, path=str(path), location=problem.location("(top level)")
        )

    def fail(keys: Sequence[str | int], message: str) -> ProfileError:
        return error(locate(document, keys, message))

    model = read_typed(ProfileFile, document, error)

    def impacts(key: str, section: dict[str, str], table_id: str) -> Mapping[str, str]:
        decision_point = point(table(table_id), "ssvc:HI" if table_id == DEPLOYER else "ssvc:MWI")
        found: dict[str, str] = {}
        for asset, value in section.items():
            try:
                found[_normal(asset)] = value_key(decision_point, value)
            except SsvcError as problem:
                raise fail((key, asset), str(problem)) from None
        return MappingProxyType(found)

    human = impacts("human_impact", model.human_impact, DEPLOYER)
    mission = impacts("mission_impact", model.mission_impact, COORDINATOR)
    clocks: dict[str, Clock] = {}
    for table_id, clock in (model.clocks or {}).items():
        try:
            decision = table(table_id)
        except SsvcError as problem:
            raise fail(("clocks", table_id), str(problem)) from None
        days: dict[str, int | None] = {}
        for outcome, count in clock.days.items():
            try:
                days[outcome_key(decision, outcome)] = count
            except SsvcError as problem:
                raise fail(("clocks", table_id, "days", outcome), str(problem)) from None
        clocks[decision.id] = Clock(MappingProxyType(days), clock.binding)
    notes = tuple(
        Note(note.strip()) if isinstance(note, str) else Note(note.text.strip(), note.status)
        for note in model.notes or ()
    )
    return Profile(
        name=model.name if model.name is not None else path.stem,
        description=model.description.strip(),
        human_impacts=human,
        mission_impacts=mission,
        clocks=MappingProxyType(clocks),
        notes=notes,
        path=path,
    )
