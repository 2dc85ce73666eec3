"""A record of the plan as the file writes it: keys as in the file, values as text.

Derived from the model's fields, so that a field added to plan/model.py is written to YAML
(store/yaml_text.py), shown in JSON (render/records.py) and checked after an edit
(store/document.py) without another line of code.
"""

from __future__ import annotations

import dataclasses
import datetime
from enum import Enum
from typing import Any

from hplan.plan.deadlines import Deadline
from hplan.plan.rules import FILE_CONFIG

_KEY = FILE_CONFIG["alias_generator"]


def file_data(value: Any) -> Any:
    """`value` (a record, list, date, status, deadline or text) as the file's data."""
    if isinstance(value, Deadline):
        return value.text
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {_KEY(f.name): file_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list):
        return [file_data(item) for item in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value
