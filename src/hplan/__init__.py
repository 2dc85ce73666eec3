"""hplan: validate, query and update Hälsingerådet's action plan kept as YAML."""

__version__ = "0.1.0"
