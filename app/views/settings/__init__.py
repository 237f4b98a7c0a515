"""Settings: the coach profile kept in the notebook."""
