"""Writing a new plan file (next year's, or one imported from a document), whole or not at
all, validated before it exists."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from hplan.plan.codec import file_data
from hplan.plan.model import Plan
from hplan.store.atomic import write_atomic, write_new
from hplan.store.reading import parse_plan
from hplan.store.source import decode
from hplan.store.yaml_text import Comments, plan_text

SCHEMA_LINE = "# yaml-language-server: $schema=plan.schema.json\n"


def new_plan_text(
    plan: Plan, header: list[str], comments: Comments,
    as_written: Mapping[str, Mapping[str, Any]] | None = None,
) -> str:  # fmt: skip
    """The file's text for `plan`; `as_written` sets an activity's value as a document writes
    it where the plan cannot hold it (a deadline it cannot read; None leaves the key out)."""
    data = file_data(plan)
    if not data.get("followups"):
        del data["followups"]  # optional: a plan without rounds says nothing of them
    for activity in data["activities"]:
        activity.update((as_written or {}).get(activity["id"], {}))
    return SCHEMA_LINE + plan_text(data, header, comments)


def create_plan(
    target: Path, plan: Plan, header: list[str], comments: Comments,
    as_written: Mapping[str, Mapping[str, Any]] | None = None, force: bool = False,
    write: bool = True,
) -> bytes:  # fmt: skip
    """Write `plan` as a new file at `target` (over one only with `force`); it must read back
    as exactly `plan`. Values `as_written` are checked to stand in the text as given, and the
    rest of the plan to read back exactly. `write=False` checks all that and writes nothing."""
    from hplan.errors import Message, WriteRefused

    checked = new_plan_text(plan, header, comments).encode("utf-8")
    # Values as written make a second text; without them the checked text is the file.
    data = (
        new_plan_text(plan, header, comments, as_written).encode("utf-8") if as_written else checked
    )
    if parse_plan(decode(target, checked)).plan != plan or not _kept(data, plan, as_written):
        raise WriteRefused(
            Message(
                "{target}: hplan could not write the new plan safely; nothing written",
                target=target,
            )
        )
    if not write:
        return data
    if force:
        write_atomic(target, data, follow=False)
    else:
        write_new(target, data)
    return data


def _kept(data: bytes, plan: Plan, as_written: Mapping[str, Mapping[str, Any]] | None) -> bool:
    """Every value given as written stands in the text as given (a missing key for None)."""
    if not as_written:
        return True
    import yaml

    read = {str(a["id"]): a for a in yaml.safe_load(data)["activities"]}
    shown = {
        ident: {k: None if v is None else str(v) for k, v in a.items()} for ident, a in read.items()
    }
    return all(
        shown[ident].get(key) == value for ident, values in as_written.items()
        for key, value in values.items()
    ) and len(read) == len(plan.activities)  # fmt: skip
