"""The honest floors of issue 35's two 10,000-activity figures: the same work done by the
smallest program on hplan's stack (Typer, PyYAML, marshal and the standard library), timed in
turn with hplan and Taskwarrior by benchmarks/run.py.

Both floors read an index made beforehand (`prepare`, untimed, as hplan's warm-up run fills its
cache): the plan's SHA-256, each open activity's due day, each activity as a marshal item
(its id, title, goals, owners and those named alongside, deadline as written, due
day, status) and where its lines
are in the file's bytes.

- `overdue`: Typer parses hplan's global options and overdue's; the plan's bytes are read and
  hashed, proving the index is theirs; the activities due before the day are loaded from
  their items, sorted by due day, and printed as an aligned table of eight columns, the due
  day written with Swedish month names.
- `status N STATUS --note TEXT`: Typer parses it; the bytes are read and hashed, the index
  proven; PyYAML composes the activity's lines to find its status, the new status, its date
  and the note are written into those lines, which PyYAML reads back; the file is written
  beside the plan, fsynced, checked to be unchanged, renamed over the plan and its folder
  fsynced; the index is written again for the new bytes (the changed item, the due days,
  the places after the activity moved).

Left out, which hplan does: the plan's validation (on a miss), its language (gettext), every
check of the file (its owner, links, a lock), the contacts file, follow-up rounds, errors
in words, and progress.
"""

from __future__ import annotations

import marshal
from array import array
from pathlib import Path

INDEX = "floor.index"

COMMON = """
import hashlib, marshal, os, sys
from array import array
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

PLAN, INDEX = Path("plan2025.yaml"), Path("floor.index")
app = typer.Typer(add_completion=False)


def read_index(raw):
    index = marshal.loads(INDEX.read_bytes())
    if index["digest"] != hashlib.sha256(raw).hexdigest():
        raise SystemExit("the index is not for this plan")
    dues, sizes, places = array("l"), array("Q"), array("Q")
    dues.frombytes(index["dues"]); sizes.frombytes(index["sizes"])
    places.frombytes(index["places"])
    return index, dues, sizes, places


@app.callback()
def main(
    plan: Annotated[Path | None, typer.Option("--plan", "-p")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of")] = None,
    lang: Annotated[str | None, typer.Option("--lang")] = None,
) -> None:
    pass
"""

OVERDUE = (
    COMMON
    + """
MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
          "september", "oktober", "november", "december"]
WORDS = {"not-started": "ej påbörjad", "in-progress": "pågår", "done": "klar",
         "blocked": "blockerad", "cancelled": "inställd"}


@app.command()
def overdue(
    as_of: Annotated[str, typer.Option("--as-of")],
    owner: Annotated[list[str] | None, typer.Option("--owner")] = None,
    goal: Annotated[list[str] | None, typer.Option("--goal")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f")] = "table",
) -> None:
    today = date.fromisoformat(as_of).toordinal()
    index, dues, sizes, _ = read_index(PLAN.read_bytes())
    items, start, starts = memoryview(index["items"]), 0, []
    for size in sizes:
        starts.append(start)
        start += size
    late = [i for i, due in enumerate(dues) if 0 < due < today]
    found = [marshal.loads(items[starts[i] : starts[i] + sizes[i]]) for i in late]
    found.sort(key=lambda a: a[6])
    rows = [["ID", "Aktivitet", "Mål", "Ansvarig", "Deadline", "Förfaller", "Status", "Sen"]]
    for ident, title, goals, owners, named, deadline, due, status in found:
        day = date.fromordinal(due)
        when = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
        who = ", ".join(owners) + (" (med " + ", ".join(named) + ")" if named else "")
        rows.append([ident, title, ", ".join(goals), who, deadline, when, WORDS[status],
                     f"{today - due} d"])
    columns = list(zip(*rows))
    widths = [max(map(len, column)) for column in columns[:-1]]
    padded = [[c.ljust(width) for c in column] for column, width in zip(columns, widths)]
    sys.stdout.write("\\n".join("  ".join(r).rstrip() for r in zip(*padded, columns[-1])) + "\\n")


app()
"""
)

WRITE = (
    COMMON
    + """
import yaml


@app.command()
def status(
    activity: str,
    status: str,
    note: Annotated[str | None, typer.Option("--note")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of")] = None,
) -> None:
    day = as_of or date.today().isoformat()
    raw = PLAN.read_bytes()
    index, dues, sizes, places = read_index(raw)
    n = int(activity) - 1
    start, end = places[2 * n], places[2 * n + 1]
    lines = raw[start:end].decode("utf-8")
    [item] = yaml.compose(lines, Loader=yaml.CSafeLoader).value
    key, value = next((k, v) for k, v in item.value if k.value == "status")
    pad = " " * key.start_mark.column
    added = f"\\n{pad}status_date: {day}"
    if note:
        added += f"\\n{pad}notes:\\n{pad}  - date: {day}\\n{pad}    text: {note}"
    edited = lines[: value.start_mark.index] + status + added + lines[value.end_mark.index :]
    [back] = yaml.load(edited, Loader=yaml.CSafeLoader)
    if back["status"] != status or (note and back["notes"][-1]["text"] != note):
        raise SystemExit("the edited lines do not read back")
    new_lines = edited.encode("utf-8")
    new = b"".join((raw[:start], new_lines, raw[end:]))
    temp = PLAN.with_name(f".{PLAN.name}.{os.getpid()}.tmp")
    with open(temp, "wb") as handle:
        handle.write(new)
        handle.flush()
        os.fsync(handle.fileno())
    if PLAN.read_bytes() != raw:
        raise SystemExit("the plan changed meanwhile")
    os.replace(temp, PLAN)
    folder = os.open(PLAN.parent.absolute(), os.O_RDONLY)
    os.fsync(folder)
    os.close(folder)
    # The index for the new bytes: this activity's item and due day, the places after it.
    items = memoryview(index["items"])
    at = sum(sizes[:n])
    row = marshal.loads(items[at : at + sizes[n]])
    closed = status in ("done", "cancelled")
    changed = marshal.dumps((*row[:7], status), 2)
    dues[n] = 0 if closed else row[6]
    delta = len(new_lines) - (end - start)
    moved = array("Q", places[: 2 * n + 1])
    moved.extend(p + delta for p in places[2 * n + 1 :])
    old_size, sizes[n] = sizes[n], len(changed)
    index.update(
        digest=hashlib.sha256(new).hexdigest(), dues=dues.tobytes(), sizes=sizes.tobytes(),
        places=moved.tobytes(),
        items=b"".join((items[:at], changed, items[at + old_size :])),
    )
    fresh = INDEX.with_name(f".{INDEX.name}.{os.getpid()}.tmp")
    fresh.write_bytes(marshal.dumps(index, 2))
    os.replace(fresh, INDEX)
    print(f"{activity}: {row[7]} -> {status} ({PLAN.name})")


app()
"""
)


OVERDUE_BARE = OVERDUE.removesuffix("app()\n") + (
    "overdue(as_of=sys.argv[sys.argv.index('--as-of') + 1])\n"
)
"""The overdue floor with its arguments read by hand: Typer imported, its parsing not run."""

WRITE_BARE = WRITE.removesuffix("app()\n") + (
    "status(sys.argv[2], sys.argv[3], note=sys.argv[sys.argv.index('--note') + 1],\n"
    "       as_of=sys.argv[sys.argv.index('--as-of') + 1])\n"
)
"""The write's floor with its arguments read by hand."""

PROGRAMS = {"overdue.py": OVERDUE, "overdue_bare.py": OVERDUE_BARE, "write.py": WRITE,
            "write_bare.py": WRITE_BARE}  # fmt: skip


def prepare(folder: Path) -> bytes:
    """The index of the plan in `folder` (made with this checkout's hplan, untimed, in a
    process of its own: a child's max RSS counts what its parent held when it forked),
    written beside the plan with the floors' programs; returned, to restore it between
    runs."""
    import subprocess
    import sys

    subprocess.run([sys.executable, __file__, str(folder)], check=True)
    return (folder / INDEX).read_bytes()


def _index(folder: Path) -> None:
    from hplan.store.activities import open_due
    from hplan.store.reading import parse_plan
    from hplan.store.source import read_source

    parsed = parse_plan(read_source(folder / "plan2025.yaml"))
    assert parsed.regions is not None
    items, sizes, dues = [], array("Q"), array("l")
    for a in parsed.plan.activities:
        due = a.deadline.due.toordinal() if a.deadline.due else 0
        item = marshal.dumps(
            (a.id, a.title, a.goals, a.owners, a.with_, a.deadline.text, due, a.status.value),
            2,
        )
        items.append(item)
        sizes.append(len(item))
        dues.append(open_due(a))  # the day hplan's cache keeps, by hplan's own rule
    import hashlib

    index = {
        "digest": hashlib.sha256((folder / "plan2025.yaml").read_bytes()).hexdigest(),
        "dues": dues.tobytes(),
        "sizes": sizes.tobytes(),
        "places": array("Q", [p for region in parsed.regions for p in region]).tobytes(),
        "items": b"".join(items),
    }
    (folder / INDEX).write_bytes(marshal.dumps(index, 2))
    for name, program in PROGRAMS.items():
        (folder / name).write_text(program, encoding="utf-8")


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout's hplan
    _index(Path(sys.argv[1]))
