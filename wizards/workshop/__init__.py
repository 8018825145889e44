"""The offsite: a workshop that records who decided what, decision by decision (Qt-free)."""
