"""The plan's words for a state (a status, an assessment): one way to read them as a person
types them, and one way for pydantic to check them in a file."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping
from enum import StrEnum
from typing import Any, TypeVar

from hplan.errors import Message, WordedError

W = TypeVar("W", bound=StrEnum)


def word_key(text: str) -> str:
    """A word as compared: NFC, any case, `_` as `-`, spaces single."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().replace("_", "-").split())


def read_word(text: str, kind: type[W], swedish: Mapping[str, str]) -> W | None:
    """The member of `kind` a person means: its canonical value, the same with spaces for
    hyphens, or a Swedish word of `swedish`; None for anything else."""
    key = word_key(text)
    for member in kind:
        if key in (member.value, member.value.replace("-", " ")):
            return member
    return kind(swedish[key]) if key in swedish else None


def validator(
    kind: type[W], parse: Callable[[str], W], not_text: Message, error: str
) -> Callable[[Any], W]:
    """A pydantic validator of a field of `kind`: a member, or text `parse` reads; its own
    words (not pydantic's) when it is neither."""

    def validate(value: Any) -> W:
        from pydantic_core import PydanticCustomError

        if isinstance(value, kind):
            return value
        if not isinstance(value, str):
            raise PydanticCustomError(error, "{message}", {"message": not_text})
        try:
            return parse(value)
        except WordedError as problem:
            raise PydanticCustomError(error, "{message}", {"message": problem.message}) from None

    return validate


def word_schema(validate: Callable[[Any], Any]) -> Any:
    """The pydantic core schema of a word field: read by `validate`, written as its text."""
    from pydantic_core import core_schema

    return core_schema.no_info_plain_validator_function(
        validate, serialization=core_schema.plain_serializer_function_ser_schema(str)
    )
