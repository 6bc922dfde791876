"""Time-zone planning for live sessions (split into modules by concern)."""
