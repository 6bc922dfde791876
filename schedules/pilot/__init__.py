"""Pilot mode: the first weeks of a course run as a trial (seed 000), with a readiness
checklist before it and a retrospective after it."""
