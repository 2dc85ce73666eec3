"""The digest in words: a subject, a plain-text body and an HTML body (styles inlined, as mail
programs need), and the dry run's table of who would get what.

HTML is autoescaped (jinja2), so plan text such as `<script>` stays text.
"""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hplan.errors import Message
from hplan.render.i18n import N_, assessment_word, format_day, say, status_word, translation
from hplan.render.records import Table, change_text
from hplan.render.styles import PAGE

if TYPE_CHECKING:
    from hplan.plan.model import Activity
    from hplan.plan.results import Outcome
    from hplan.queries.digest import Digest, Digests, Quiet
    from hplan.queries.filters import ActivityRow


def subject(digests: Digests, digest: Digest, language: str) -> str:
    """`Hälsingerådets handlingsplan 2025: 2 försenade, 1 förfaller inom 7 dagar`; in the last
    days of a round, `Påminnelse: 3 bedömningar saknas inför Tertial 1, senast 12 maj 2025`."""
    followup = digests.round
    if digest.asked and followup is not None and digests.reminder:
        return say(Message.counted(
            "Reminder: {count} assessment missing for {round}, due {due}",
            "Reminder: {count} assessments missing for {round}, due {due}",
            len(digest.asked), round=followup.title,
            due=format_day(followup.answers_due, language),
        ), language)  # fmt: skip
    counts: list[Message] = []
    if digest.overdue:
        counts.append(Message.counted("{count} overdue", "{count} overdue", len(digest.overdue)))
    if digest.coming:
        counts.append(
            Message.counted(
                "{count} due within {days} days",
                "{count} due within {days} days",
                len(digest.coming),
                days=digest.ahead,
            )
        )
    if digest.quiet:
        counts.append(
            Message.counted(
                "{count} without word for long",
                "{count} without word for long",
                len(digest.quiet),
            )
        )
    if digest.asked and followup is not None:
        counts.append(Message.counted(
            "{count} assessment asked for {round}", "{count} assessments asked for {round}",
            len(digest.asked), round=followup.title,
        ))  # fmt: skip
    if not counts:
        counts.append(Message("nothing due"))
    said = ", ".join(say(count, language) for count in counts)
    return f"{digests.plan.title}: {said}"


def text_body(
    digests: Digests, digest: Digest, language: str, base_url: str | None, answers: bool = False
) -> str:
    """The plain-text part; `answers`: it says how to answer by replying (hplan inbox)."""
    from hplan.render.report import environment

    template = environment(autoescape=False).get_template("digest.txt.j2")
    return str(template.render(_context(digests, digest, language, base_url, answers)))


def html_body(
    digests: Digests, digest: Digest, language: str, base_url: str | None, answers: bool = False
) -> str:
    """The HTML part, its styles inlined into every element (css-inline)."""
    import css_inline

    from hplan.render.report import environment

    template = environment(autoescape=True).get_template("digest.html.j2")
    page = str(template.render(_context(digests, digest, language, base_url, answers)))
    return str(css_inline.inline(page))


def _context(
    digests: Digests, digest: Digest, language: str, base_url: str | None, answers: bool = False
) -> dict[str, Any]:
    catalog = translation(language)
    _ = catalog.gettext

    def deadline(activity: Activity) -> str:
        due = activity.deadline.due
        if due is None or activity.deadline.text == due.isoformat():
            return activity.deadline.text
        return f"{activity.deadline.text} ({format_day(due, language)})"

    def late(row: ActivityRow) -> str:
        days = row.days_overdue
        return say(Message.counted("{count} day late", "{count} days late", days), language)

    def command(activity: Activity) -> str:
        return f"hplan status {shlex.quote(activity.id)} done"

    def link(activity: Activity) -> str:
        return f"{base_url.rstrip('/')}/#a{activity.id}" if base_url else ""

    def act(activity: Activity) -> str:
        where = link(activity)
        return _("To mark it: {command}").format(command=command(activity)) + (
            f" · {where}" if where else ""
        )

    def assess(activity: Activity) -> str:
        return f"hplan assess {shlex.quote(activity.id)} on-track|at-risk|off-track --comment '…'"

    def last_word(quiet: Quiet) -> str:
        if quiet.since is None:
            return _("No word since the plan began")
        return _("Last word: {day}").format(day=format_day(quiet.since, language))

    sections = []
    if digest.overdue:
        late_heading = Message.counted(
            "Overdue ({count})", "Overdue ({count})", len(digest.overdue)
        )
        sections.append((say(late_heading, language), digest.overdue))
    if digest.coming:
        heading = Message.counted(
            "Coming due ({count})", "Coming due ({count})", len(digest.coming)
        )
        sections.append((say(heading, language), digest.coming))
    quiet = Message.counted(
        "No word for {days} days or more ({count})",
        "No word for {days} days or more ({count})",
        len(digest.quiet),
        days=digests.windows.quiet,
    )
    return {
        "d": digest,
        "plan": digests.plan,
        "today": digests.today,
        "lang": language,
        "_": _,
        "sections": sections,
        "quiet": digest.quiet,
        "quiet_heading": say(quiet, language),
        "changed_heading": _("Changed since the last digest"),
        "footer": (
            _("Sent by hplan from {file}, the plan kept in git.")
            if answers
            else _(
                "Sent by hplan from {file}, the plan kept in git. Reply to the plan's keepers, "
                "not to this address."
            )
        ).format(file=f"plan{digests.plan.year}.yaml"),
        "answer": _answer(digests, digest, language) if answers else None,
        "subject": subject(digests, digest, language),
        "day": lambda day: format_day(day, language),
        "status_word": lambda status: status_word(status, language),
        "colours": {status.value: colour for status, colour in PAGE.items()},
        "deadline": deadline,
        "late": late,
        "command": command,
        "link": link,
        "act": act,
        "change_text": change_text,
        "last_word": last_word,
        "asking": _asking(digests, digest, language),
        "assess": assess,
    }


def _asking(digests: Digests, digest: Digest, language: str) -> dict[str, str] | None:
    """The words of the round's question, where the digest asks it."""
    followup = digests.round
    if not digest.asked or followup is None:
        return None
    _ = translation(language).gettext
    heading = Message.counted(
        "Your assessment for {round} ({count})", "Your assessment for {round} ({count})",
        len(digest.asked), round=followup.title,
    )  # fmt: skip
    return {
        "heading": say(heading, language),
        "question": _(
            "Will each be done as planned? Answer on track, at risk or off track, and if not, "
            "why and what is being done, by {due}."
        ).format(due=format_day(followup.answers_due, language)),
        "how": _("To answer:"),
    }


def _answer(digests: Digests, digest: Digest, language: str) -> dict[str, Any] | None:
    """How to answer by replying, with the owner's own ids as examples (a done status; an
    assessment where the round asks one, else a status in progress)."""
    from hplan.plan.assessments import Assessment
    from hplan.plan.statuses import Status

    _ = translation(language).gettext
    rows = [*digest.overdue, *digest.coming, *(q.row for q in digest.quiet)]
    ids = [r.activity.id for r in rows] + [a.id for a in digest.asked]
    if not ids:
        return None
    went, why, now = (
        _("How it went, in a few words"), _("Why, and what is being done"),
        _("What is happening now"),
    )  # fmt: skip
    first = f"{ids[0]} {status_word(Status.DONE, language)} {went}"
    if digest.asked:
        second = f"{digest.asked[0].id} {assessment_word(Assessment.AT_RISK, language)} {why}"
    else:
        second = f"{ids[-1]} {status_word(Status.IN_PROGRESS, language)} {now}"
    return {
        "heading": _("Reply to this e-mail with a line per activity, for example:"),
        "examples": [first, second],
        "after": _("A line is the activity's id, a status or an assessment, and a comment; "
                   "hplan reads nothing else."),
    }  # fmt: skip


DIGEST_COLUMNS = [N_("Owner"), N_("Address"), N_("Overdue"), N_("Coming due"), N_("Quiet")]
"""The dry run's columns, named in English (`Table.headings` translates them)."""


def digest_table(digests: Digests, language: str) -> Table:
    """Who would get what: one row per recipient, and one per owner with no address."""
    _ = translation(language).gettext
    rows = [
        [
            d.owner.name,
            d.address or _("no address"),
            str(len(d.overdue)),
            str(len(d.coming)),
            str(len(d.quiet)),
        ]
        for d in digests.listed
    ]
    late = [bool(d.overdue) for d in digests.listed]
    if digests.round is None:
        return Table(DIGEST_COLUMNS, rows, late, None, language)
    for row, digest in zip(rows, digests.listed, strict=True):
        row.append(str(len(digest.asked)))
    return Table([*DIGEST_COLUMNS, N_("To assess")], rows, late, None, language)


def summary(digests: Digests, language: str) -> str:
    """Who could not be told, and who asked not to be: lines for the end of a run."""
    lines = [
        say(Message("no address for {name}", name=d.owner.name), language)
        for d in digests.unreachable
    ]
    lines += [
        say(Message("{name} asked for no digest (digest: false)", name=o.name), language)
        for o in digests.left_out
    ]
    return "".join(f"hplan: {line}\n" for line in lines)


def outcomes_text(outcomes: list[Outcome], language: str, addresses: bool = True) -> str:
    """What happened to each message, in words, one a line; without `addresses`, each
    names the person (a CI log may be public)."""
    lines = []
    for outcome in outcomes:
        if not addresses:
            outcome = outcome._replace(address=outcome.name or "–")
        if outcome.state == "sent":
            message = Message("sent to {address}", address=outcome.address)
        elif outcome.state == "skipped":
            message = Message(
                "not sent again to {address}: it went out earlier this week (--resend sends "
                "it anew)",
                address=outcome.address,
            )
        elif outcome.state == "unknown":
            message = Message(
                "not sent to {address}: an earlier run was stopped while sending it and may "
                "have sent it; --resend sends it anew",
                address=outcome.address,
            )
        elif outcome.state == "unconfirmed":
            message = Message(
                "may have gone to {address}: the server took the message but did not confirm "
                "it ({reason}); it is not sent again (--resend sends it anew)",
                address=outcome.address,
                reason=outcome.reason or Message("unknown"),
            )
        else:
            message = Message(
                "NOT sent to {address}: {reason}",
                address=outcome.address,
                reason=outcome.reason or Message("unknown"),
            )
        lines.append(say(message, language))
    return "".join(line + "\n" for line in lines)


def nobody(language: str) -> str:
    """Said when nobody has anything to hear about."""
    return say(Message("Nobody has anything due or overdue."), language)


def written(count: int, folder: Path, language: str) -> str:
    """Said after the .eml files are written."""
    message = Message.counted(
        "Wrote {count} message to {folder}", "Wrote {count} messages to {folder}", count,
        folder=folder,
    )  # fmt: skip
    return say(message, language) + "\n"
