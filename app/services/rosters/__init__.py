"""Roster files from a district's systems: reading them safely, and knowing their formats."""
