"""Backups: the restore dialog, and the flow that backs up, checks and offers a restore."""
