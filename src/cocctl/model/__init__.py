"""The case model: events, the pure fold to a state, and case ids (no I/O)."""
