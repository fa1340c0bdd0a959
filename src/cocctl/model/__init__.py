"""The case model: events and the pure fold to a state (no I/O)."""
