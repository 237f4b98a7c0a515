"""Qt widgets, one package per screen. Only this layer imports PySide6."""
