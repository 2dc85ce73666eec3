"""The `hplan` command: thin commands that parse options, call the core and print a rendering."""

from hplan.cli.app import app, main
from hplan.cli.script import script

__all__ = ["app", "main", "script"]
