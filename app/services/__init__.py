"""Use cases over a Store. Plain Python, no Qt: the GUI and the CLI both call these."""
