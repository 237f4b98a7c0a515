"""The Cycles screen: the list of coaching cycles, a cycle view, and the cycle forms."""
