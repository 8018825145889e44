"""Qt-free core of Charter Builder: the charter model, validation, rendering and storage."""

__version__ = "0.1.0"
