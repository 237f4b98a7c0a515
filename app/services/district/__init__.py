"""The district tier: the district's PostgreSQL schema, its roles, and each coach's access."""
