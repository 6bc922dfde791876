"""One reader per kind of file: each turns a text stream into ``Record``s through a
``Context`` (the clock, the pseudonymiser, the row problems)."""
