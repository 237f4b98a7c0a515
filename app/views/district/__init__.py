"""The District screen: the director's monthly dashboard, read from the district's server."""
