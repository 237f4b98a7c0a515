"""Coachbook: an offline notebook for instructional technology coaches."""

__version__ = "0.1.0"
