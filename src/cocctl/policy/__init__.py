"""Policy: presets, overrides, and the pure rules built on them."""
