"""Widgets, models and seams shared by every screen."""
