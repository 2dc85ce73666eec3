"""Rules on the plan file's fields, read by pydantic when a plan is validated.

Each rule is a marker in a field's annotation (`Annotated[str, Rule(min_length=1)]`). Pydantic
finds it through its annotation protocol and is imported only then, so the model module and a
plan read from the cache never load pydantic.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any

from hplan.errors import Message

FILE_CONFIG: dict[str, Any] = {
    "extra": "forbid",
    "use_attribute_docstrings": True,
    # `with` is a Python keyword: the field is `with_`, the file's key `with`.
    "alias_generator": lambda name: name.removesuffix("_"),
    "populate_by_name": True,
}
"""Pydantic's settings for every record of the plan: unknown keys are errors."""

_DIGITS = re.compile(r"[0-9]{1,10}")

CONTROL = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff"
    r"\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufdd0-\ufdef]"
)
"""Characters that plan text never holds: control characters (ESC starts terminal escapes,
CR and U+000B break lines in calendars and spreadsheets), Unicode line separators and
non-characters, and the invisible ones: direction controls (U+202E turns text around) and
zero-width characters, which make two names look the same. Tabs and line breaks are text."""


@dataclass(frozen=True, slots=True)
class Rule:
    """A constraint on a field, and what an editor's JSON Schema says of it where that differs.

    `digits`: a whole number written with the digits 0-9 only (never 2025.0, +2025 or 20_25).
    `text`: text without control characters (CONTROL).
    `none_is_empty`: an optional list left empty in the file (`notes:`) is an empty list.
    `time_zone`: the name of a time zone that this machine knows (Europe/Stockholm).
    `email`: an e-mail address whose syntax is right (email-validator; no DNS look-up).
    `none_is`: a flag left empty (`digest:`), or left out of the file's form, is this value.
    `editor`: the JSON Schema for an editor, whose YAML 1.2 parser reads an unquoted 4.1 as a
    number where hplan reads the text.
    """

    pattern: str | None = None
    min_length: int | None = None
    max_length: int | None = None
    ge: int | None = None
    le: int | None = None
    digits: bool = False
    text: bool = False
    none_is_empty: bool = False
    time_zone: bool = False
    email: bool = False
    none_is: bool | None = None
    editor: Mapping[str, Any] | None = None

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic import Field
        from pydantic_core import core_schema

        limits = {
            name: value
            for name in ("pattern", "min_length", "max_length", "ge", "le")
            if (value := getattr(self, name)) is not None
        }
        schema = handler.generate_schema(Annotated[source, Field(**limits)])
        if self.digits:
            schema = core_schema.no_info_before_validator_function(_digits, schema)
        if self.text:
            schema = core_schema.no_info_after_validator_function(_no_control, schema)
        if self.none_is_empty:
            schema = core_schema.no_info_before_validator_function(_none_is_empty, schema)
        if self.none_is is not None:
            flag = self.none_is
            schema = core_schema.no_info_before_validator_function(
                lambda value: flag if value is None else value, schema
            )
        if self.time_zone:
            schema = core_schema.no_info_after_validator_function(_time_zone, schema)
        if self.email:
            schema = core_schema.no_info_after_validator_function(_email, schema)
        return schema

    def __get_pydantic_json_schema__(self, schema: Any, handler: Any) -> Any:
        if self.editor is not None:
            return dict(self.editor)
        found = handler(schema)
        return {**found, "format": "email"} if self.email else found


def _digits(value: Any) -> Any:
    from pydantic_core import PydanticCustomError

    if isinstance(value, str) and not _DIGITS.fullmatch(value):
        message = Message("expected a whole number, such as 2025")
        raise PydanticCustomError("digits", "{message}", {"message": message})
    return value


def control_character(text: str) -> Message | None:
    """What is wrong with text that holds a character plan text never holds, or None."""
    found = CONTROL.search(text)
    if found is None:
        return None
    return Message(
        "the text holds the control character U+{code:04X}, which hplan never shows or "
        "writes; remove it",
        code=ord(found[0]),
    )


def _no_control(value: Any) -> Any:
    from pydantic_core import PydanticCustomError

    if isinstance(value, str) and (message := control_character(value)):
        raise PydanticCustomError("control_character", "{message}", {"message": message})
    return value


def known_time_zone(name: str) -> bool:
    """True when this machine knows the time zone `name` (an IANA name such as
    Europe/Stockholm)."""
    import zoneinfo

    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _time_zone(value: Any) -> Any:
    from pydantic_core import PydanticCustomError

    if isinstance(value, str) and not known_time_zone(value):
        message = Message(
            "'{name}' is not a time zone hplan knows; write one such as Europe/Stockholm",
            name=value,
        )
        raise PydanticCustomError("time_zone", "{message}", {"message": message})
    return value


def _none_is_empty(value: Any) -> Any:
    return [] if value is None else value


def email_problem(address: str) -> Message | None:
    """What is wrong with an e-mail address's syntax, or None (no DNS look-up). The digest
    sends to exactly what this accepts (issue 34, item 11): no letters beyond ASCII before
    the @ (most servers refuse them, and Python's mail package cannot write them), a domain
    in any script (sent as punycode). The reason is hplan's own words, in the plan's
    language, not the library's English."""
    from email_validator import EmailNotValidError, validate_email

    local = address.rpartition("@")[0]
    if "@" not in address:
        reason = Message("it has no @")
    elif local and not local.isascii():
        reason = Message("letters such as å, ä and ö before the @ are refused by most mail servers")
    elif "=?" in local:  # an encoded word: mail programs would show another address
        reason = Message("its form is not one mail servers take")
    else:
        try:
            validate_email(address, check_deliverability=False, allow_smtputf8=False)
            return None
        except EmailNotValidError:
            reason = Message("its form is not one mail servers take")
    return Message(
        "'{address}' is not an e-mail address ({reason}); write one such as namn@kommun.se",
        address=address,
        reason=reason,
    )


def ascii_address(address: str) -> str:
    """The address as it is sent: its domain in punycode (IDNA), never an encoded word."""
    local, _, domain = address.rpartition("@")
    try:
        return f"{local}@{domain.encode('idna').decode('ascii')}" if local else address
    except UnicodeError:
        return address


def _email(value: Any) -> Any:
    from pydantic_core import PydanticCustomError

    if isinstance(value, str) and (message := email_problem(value)):
        raise PydanticCustomError("email", "{message}", {"message": message})
    return value
