"""Plain parameters coerced without pydantic (issue 16), guarded.

Typer 0.29 coerces every parameter it parses through a pydantic `TypeAdapter`; the first one
imports pydantic's validation machinery, 60 ms or more of every command. `install` routes
Typer's `core.build_runtime_param` through `build`: a value hplan's parameters take (a `str`,
a flag's `bool`, an `int` or `float` inside its range, an `Enum` choice, a `Path`, a list of
these) is coerced here, exactly as Typer's adapter would. Anything else (a value of another
kind, one out of range, a choice not offered, a parser that raises) is handed to the adapter
Typer builds then, so every error and edge is Typer's own.

Only what Typer 0.29 has is used, and only after checking it is there: if Typer moves the hook,
`install` returns False and Typer runs as shipped. `tests/cli/test_typer_contract.py` fails on
the newest Typer when the hook changes, and compares this coercion with Typer's value by value.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

DECLINE: Any = object()
"""What a plain coercion returns for a value it leaves to Typer's adapter."""

_INTEGER = re.compile(r"[0-9]+\Z")
_DECIMAL = re.compile(r"[0-9]+(\.[0-9]+)?\Z")

Coerce = Callable[[Any, Any, Any], Any]
"""A plain coercion: (value, param, ctx) → the value, or DECLINE."""


def _in_range(number: float, info: Any) -> bool:
    return (info.min is None or number >= info.min) and (info.max is None or number <= info.max)


def _number(kind: type, pattern: re.Pattern[str], info: Any) -> Coerce:
    def coerce(value: Any, param: Any, ctx: Any) -> Any:
        given = type(value)
        if not (
            (given is str and pattern.match(value))
            or given is kind
            or (kind is float and given is int)
        ):
            return DECLINE
        number = kind(value)
        return number if _in_range(number, info) else DECLINE

    return coerce


def _text(value: Any, param: Any, ctx: Any) -> Any:
    return value if isinstance(value, str) else DECLINE


def _flag(value: Any, param: Any, ctx: Any) -> Any:
    return value if isinstance(value, bool) else DECLINE


def leaf(annotation: Any, info: Any, typer_types: Any) -> Coerce | None:
    """The plain coercion of one annotation, or None where Typer's adapter always decides."""
    if info.parser is not None:
        parser = info.parser

        def parse(value: Any, param: Any, ctx: Any) -> Any:
            try:
                return parser(value)
            except Exception:  # the adapter runs the parser again and words its error
                return DECLINE

        return parse
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        choices = tuple(annotation)
        sensitive = info.case_sensitive

        def choose(value: Any, param: Any, ctx: Any) -> Any:
            try:
                return typer_types.coerce_cli_choice(
                    value, choices=choices, case_sensitive=sensitive, ctx=ctx
                )
            except ValueError:
                return DECLINE

        return choose
    if getattr(info, "clamp", False):
        return None
    if annotation is bool:
        return _flag
    if annotation is int:
        return _number(int, _INTEGER, info)
    if annotation is float:
        return _number(float, _DECIMAL, info)
    if annotation is str:
        return _text
    if annotation is Path and info.path_type in (None, Path):

        def path(value: Any, param: Any, ctx: Any) -> Any:
            if isinstance(value, str) and value:
                value = Path(value)
            if not isinstance(value, Path):
                return DECLINE
            return typer_types.coerce_cli_path(value, info, path_type=Path, param=param, ctx=ctx)

        return path
    return None


def plain(annotation: Any, info: Any, typer_types: Any) -> Coerce | None:
    """The plain coercion of a parameter (a list of leaves too), or None."""
    if get_origin(annotation) is list:
        (item,) = get_args(annotation)
        each = leaf(item, info, typer_types)
        if each is None:
            return None

        def many(value: Any, param: Any, ctx: Any) -> Any:
            if not isinstance(value, (list, tuple)):
                value = [value]
            items = [each(one, param, ctx) for one in value]
            return DECLINE if any(one is DECLINE for one in items) else items

        return many
    return leaf(annotation, info, typer_types)


def install() -> bool:
    """Route Typer's parameter coercion through `plain` where Typer has the hook; True if so."""
    try:
        from typer import _coercion, _param_types, core
    except ImportError:
        return False
    typers: Any = getattr(core, "build_runtime_param", None)
    base = getattr(_coercion, "RuntimeParam", None)
    if (
        typers is None
        or getattr(typers, "hplan", False)
        or not isinstance(base, type)
        or not callable(getattr(base, "_coerce_value", None))
        or not hasattr(_param_types, "coerce_cli_choice")
        or not hasattr(_param_types, "coerce_cli_path")
    ):
        return bool(typers is not None and getattr(typers, "hplan", False))

    @dataclass(frozen=True)
    class PlainRuntimeParam(base):  # type: ignore[misc, valid-type]
        """Coerced by `plain`; Typer's own runtime parameter, built on first need, otherwise."""

        descriptor: Any = None
        coerce_plain: Any = None

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            result = self.coerce_plain(value, param, ctx)
            if result is not DECLINE:
                return result
            try:
                return typers(self.descriptor)._coerce_value(value, param=param, ctx=ctx)
            except Exception as error:
                error.hplan_value = value  # type: ignore[attr-defined]  # for cli/usage's words
                raise

    def build(descriptor: Any) -> Any:
        if descriptor.file_annotation is None:
            coerce = plain(descriptor.annotation, descriptor.parameter_info, _param_types)
            if coerce is not None:
                return PlainRuntimeParam(
                    parameter_info=descriptor.parameter_info,
                    annotation=descriptor.annotation,
                    descriptor=descriptor,
                    coerce_plain=coerce,
                )
        return typers(descriptor)

    build.hplan = True  # type: ignore[attr-defined]
    build.typers = typers  # type: ignore[attr-defined]
    core.build_runtime_param = build  # type: ignore[attr-defined]
    return True
