"""hplan: validate, query and update Hälsingerådet's action plan kept as YAML."""

__all__ = ["__version__"]

__version__: str
try:  # written by setuptools-scm when hplan is built or installed (pyproject.toml)
    from hplan._version import __version__
except ImportError:  # pragma: no cover - a source tree never built
    __version__ = "0+unknown"
