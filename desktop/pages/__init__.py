"""One wizard page per step of the charter flow."""
