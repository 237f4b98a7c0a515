"""The Activity log: PD sessions given and informal contacts, with school-year totals."""
