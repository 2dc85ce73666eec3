"""Writing a new plan file (next year's), whole or not at all, validated before it exists."""

from __future__ import annotations

from pathlib import Path

from hplan.plan.codec import file_data
from hplan.plan.model import Plan
from hplan.store.atomic import write_new
from hplan.store.reading import parse_plan
from hplan.store.source import decode
from hplan.store.yaml_text import plan_text


def create_plan(
    target: Path, plan: Plan, header: list[str], comments: dict[str, dict[str, str]]
) -> bytes:
    """Write `plan` as a new file at `target`; it must read back as exactly `plan`."""
    from hplan.errors import Message, WriteRefused

    text = "# yaml-language-server: $schema=plan.schema.json\n" + plan_text(
        file_data(plan), header, comments
    )
    data = text.encode("utf-8")
    if parse_plan(decode(target, data)).plan != plan:
        raise WriteRefused(
            Message(
                "{target}: hplan could not write the new plan safely; nothing written",
                target=target,
            )
        )
    write_new(target, data)
    return data
