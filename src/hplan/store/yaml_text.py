"""Plan data as YAML lines in hplan's house style: block style, two-space indents.

Used for whatever hplan writes as new text: an added activity, a note, next year's plan.
"""

from __future__ import annotations

from typing import Any


def scalar(text: str, flow: bool = False) -> str:
    """`text` as a one-line YAML scalar, quoted only where the context needs it."""
    import yaml

    if "\n" in text or "\t" in text or text != text.strip():
        # Line breaks, tabs and edge spaces kept exactly, on one line: "Rad 1\nRad 2".
        return yaml.safe_dump(text, allow_unicode=True, width=10**9, default_style='"').strip()
    if flow:
        dumped = yaml.safe_dump([text], default_flow_style=True, allow_unicode=True, width=10**9)
        return dumped.strip()[1:-1]
    dumped = yaml.safe_dump(text, allow_unicode=True, width=10**9)
    return dumped.removesuffix("\n").removesuffix("\n...")


def as_written(record: dict[str, Any]) -> dict[str, Any]:
    """A record's keys as the file holds them: one whose value is None or empty is never
    written, as a person would leave it out (the one rule for new lines, flow records and the
    comparisons of what was written)."""
    return {k: v for k, v in record.items() if not (v is None or v == [] or v == "")}


def record_lines(
    data: dict[str, Any], first: str, indent: str, comments: dict[str, str] | None = None
) -> list[str]:
    """A record's lines: `first` before its first key (`  - `), `indent` before the others.

    Keys whose value is None or empty are left out, as a person would write it; `comments`
    puts a comment line above a key.
    """
    lines: list[str] = []
    for key, value in as_written(data).items():
        lead = first if not lines else indent
        if comments and key in comments:
            for comment in comments[key].split("\n"):
                lines.append(f"{lead}# {comment}")
                lead = indent
        if isinstance(value, list):
            lines.append(f"{lead}{key}:")
            for item in value:
                if isinstance(item, dict):
                    lines += record_lines(item, f"{indent}  - ", f"{indent}    ")
                else:
                    lines.append(f"{indent}  - {_value(item)}")
        elif isinstance(value, str) and len(value) > FOLD_WIDTH and _foldable(value):
            lines.append(f"{lead}{key}: >-")
            lines += _folded(value, indent + "  ")
        else:
            lines.append(f"{lead}{key}: {value_text(key, str(value))}")
    return lines


Comments = dict[tuple[str, str], dict[str, str]]
"""Comments to put above keys: by the list and the record (("activities", "7"), ("owners",
"Linda Beigler"); ("", "") for the plan's own keys), then by key; a comment may have lines."""


def plan_text(data: dict[str, Any], header: list[str], comments: Comments) -> str:
    """A whole plan file: header comments, then its keys; a blank line after each record."""
    lines = [f"# {line}" for line in header] + [""]
    top = comments.get(("", ""), {})
    for key, value in data.items():
        if not isinstance(value, list):
            lines += [f"# {c}" for c in top[key].split("\n")] if key in top else []
            lines.append(f"{key}: {_value(value)}")
            continue
        lines += ["", f"{key}:"]
        for item in value:
            notes = comments.get((key, str(item.get("id", item.get("name")))))
            lines += record_lines(item, "  - ", "    ", notes)
    return "\n".join(lines).rstrip("\n") + "\n"


FOLD_WIDTH = 88
"""Text longer than this is written folded (`>-`) over several lines."""


def _foldable(text: str) -> bool:
    # Folding keeps single spaces and paragraph breaks only.
    return text == text.strip() and "  " not in text and "\n\n" not in text and "\t" not in text


def _folded(text: str, indent: str) -> list[str]:
    import textwrap

    lines: list[str] = []
    for n, paragraph in enumerate(text.split("\n")):
        if n:
            lines.append("")
        wrapped = textwrap.wrap(
            paragraph, FOLD_WIDTH, break_long_words=False, break_on_hyphens=False
        )
        lines += [indent + line for line in wrapped]
    return lines


def _value(value: Any) -> str:
    return plain(str(value))


TEXT_KEYS = frozenset({"title", "text"})
"""Keys of free text: written quoted where another YAML reader would take it for a number,
a date or a boolean ("2025-06-01", "yes"), though hplan reads every scalar as text."""


def value_text(key: str, text: str, flow: bool = False) -> str:
    """The value of `key` as hplan writes it: free text quoted where YAML needs it, ids,
    dates and statuses plain."""
    return scalar(text, flow) if key in TEXT_KEYS else plain(text, flow)


def plain(text: str, flow: bool = False) -> str:
    """A scalar as hplan writes it: ids, goal ids, dates and statuses plain (hplan reads every
    scalar as text), other text quoted where YAML (in a block, or in a `flow`) needs it."""
    return text if _plain_safe(text) else scalar(text, flow)


def _plain_safe(text: str) -> bool:
    return bool(text) and all(c.isdigit() or c in ".-" for c in text) and text[0].isdigit()
