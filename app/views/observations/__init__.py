"""The Observations screen, the live time-on-task recorder and the observation view."""
