"""The incident drill in the desktop program: the drill screen and the ``drill`` command.

``screen`` is the full-window drill screen (Qt); ``command`` is ``charter-builder drill``, which
never loads Qt. This package's own module imports neither.
"""
