"""Pure text engines: no Django, no database, no network (checked by import-linter)."""
