"""The errors hplan reports to its user. The CLI maps them to exit codes in one place.

What an error says is a `Message`: an English text with named values. The English text is
the message's id in the catalogs (src/hplan/locale); the CLI translates it into the language
of the run where it prints it, so the layers below never need to know that language.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any


class Message:
    """Words for people: an English text with `{name}` fields, and the values for them.

    A value may itself be a Message (or a list of them, one a line); it is translated with the
    text around it. `str()` gives the English; `render/i18n.say` gives any language hplan
    speaks.
    """

    __slots__ = ("count", "plural", "text", "values")

    def __init__(self, text: str, /, **values: Any) -> None:
        self.text = text
        self.plural: str | None = None
        self.count = 1
        self.values = values

    @classmethod
    def counted(cls, singular: str, plural: str, count: int, /, **values: Any) -> Message:
        """A message whose words agree with `count` (`1 error`, `2 errors`)."""
        message = cls(singular, count=count, **values)
        message.plural = plural
        message.count = count
        return message

    def __str__(self) -> str:
        text = self.text if self.plural is None or self.count == 1 else self.plural
        return text.format(**{k: _english(v) for k, v in self.values.items()})

    def __repr__(self) -> str:
        return f"Message({str(self)!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Message) and str(self) == str(other)

    def __lt__(self, other: Message) -> bool:
        return str(self) < str(other)

    def __hash__(self) -> int:
        return hash(str(self))


def _english(value: Any) -> Any:
    if isinstance(value, list):
        return "\n".join(str(v) for v in value)
    return str(value) if isinstance(value, Message) else value


class WordedError(Exception):
    """An exception whose words are a Message, translated where it is printed."""

    def __init__(self, message: Message) -> None:
        self.message = message
        super().__init__(str(message))


class HplanError(WordedError):
    """A user or data error: one clear message, and the kind of error it is.

    Every error class is a kind (`kind`), and each kind carries what an interface needs to
    answer it: the command line's exit status (`exit_code`) and a web page's HTTP status
    (`http_status`). docs/guarantees.md lists them.
    """

    kind = "error"
    exit_code = 1
    http_status = 500
    language: str | None = None
    """The language the error's subject is in, where it is known and no plan is in use (an
    import's new plan): said in it rather than in the user's locale."""


class UsageError(HplanError):
    """A value given to hplan that it cannot use. `field` names what was given in the
    application's terms ("status", "due_before"); the command line shows its option instead."""

    kind = "usage"
    exit_code = 2
    http_status = 400

    def __init__(self, field: str, message: Message) -> None:
        self.field = field
        self.detail = message
        super().__init__(Message("{field}: {message}", field=field, message=message))


class ExtraMissing(HplanError):
    """A command needs the libraries of one of hplan's extras, which is not installed
    (hplan/origin.py says how to install it)."""

    kind = "extra-missing"
    exit_code = 2
    http_status = 500


class NotFound(HplanError):
    """Something named does not exist: an activity id, a plan file."""

    kind = "not-found"
    exit_code = 4
    http_status = 404


class WriteRefused(HplanError):
    """A change that hplan will not write: text a plan never holds, a layout it cannot edit
    safely, a file it may not replace. Nothing was written."""

    kind = "refused"
    exit_code = 7
    http_status = 422


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a plan file, at a 1-based line and column where known."""

    line: int
    column: int
    message: Message

    def located(self, path: Path | str) -> Message:
        return Message(
            "{path}:{line}:{column}: {message}",
            path=path,
            line=self.line,
            column=self.column,
            message=self.message,
        )


class PlanInvalid(HplanError):
    """The plan file cannot be used; every problem found, in line order. `language` is the
    plan's own where the file says it readably, for the words of the report."""

    kind = "invalid-plan"
    exit_code = 3
    http_status = 422

    def __init__(
        self, path: Path | str, problems: list[Problem], language: str | None = None
    ) -> None:
        self.path = path
        self.problems = sorted(set(problems))
        self.language = language
        super().__init__(Message("{problems}", problems=[p.located(path) for p in self.problems]))


class PlanNotFound(NotFound):
    """No plan file could be found or read. `searched`: what the search for one missed, where
    hplan looked for it itself ("folder": no plan file there; "year": none for the year),
    so that an interface can say how to name one."""

    def __init__(self, message: Message, searched: str | None = None) -> None:
        self.searched = searched
        super().__init__(message)


class LockTimeout(HplanError):
    """Another hplan holds the plan's write lock for too long."""

    kind = "locked"
    exit_code = 5
    http_status = 423


class PlanChanged(HplanError):
    """The file changed after hplan read it (another hplan, an editor, a `git pull`): the
    change was made against text the person has not seen, so nothing was written."""

    kind = "changed"
    exit_code = 6
    http_status = 409


class DocumentRefused(HplanError):
    """A document `hplan import` cannot read as it is (tracked changes, no text, not a Word
    file or PDF, damaged, too large); the message says what to do."""

    kind = "document"
    exit_code = 8
    http_status = 422


ERROR_KINDS: tuple[type[HplanError], ...] = (
    HplanError,
    UsageError,
    PlanInvalid,
    NotFound,
    LockTimeout,
    PlanChanged,
    WriteRefused,
    DocumentRefused,
)
"""Every kind of error, each with its exit status and HTTP status (docs/guarantees.md)."""


def os_reason(error: OSError) -> Message | str:
    """Why the operating system refused, in hplan's words (and so in the plan's language):
    Python gives the C library's English ("Permission denied") whatever the locale. A reason
    hplan has no words for is the system's own."""
    import errno

    words = {
        errno.ENOENT: Message("no such file or folder"),
        errno.EACCES: Message("permission denied"),
        errno.EPERM: Message("permission denied"),
        errno.EISDIR: Message("it is a folder"),
        errno.ENOTDIR: Message("a part of the path is not a folder"),
        errno.ENOSPC: Message("the disk is full"),
        errno.EDQUOT: Message("the disk quota is used up"),
        errno.EROFS: Message("the file system is read-only"),
        errno.ELOOP: Message("a link that leads round in a circle, or a link where none may be"),
        errno.ENAMETOOLONG: Message("the name is too long"),
        errno.EEXIST: Message("it exists already"),
        errno.EBUSY: Message("it is in use"),
        errno.EIO: Message("the disk could not be read or written"),
        errno.EMFILE: Message("too many files are open"),
        errno.ENFILE: Message("too many files are open"),
        errno.ENXIO: Message("nothing answers there (a pipe with no reader)"),
        errno.EXDEV: Message("it is on another file system"),
        errno.EADDRINUSE: Message("the address is in use by another program"),
        errno.EADDRNOTAVAIL: Message("the address is not one of this machine's"),
        errno.ECONNREFUSED: Message("the connection was refused"),
    }
    found = words.get(error.errno) if error.errno is not None else None
    return found if found is not None else (error.strerror or str(error))
