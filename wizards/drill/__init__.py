"""The incident drill: a fictitious AI incident run through the charter's roles and clocks.

``scenario`` holds the catalogue of incidents and says which fit a charter; ``clock`` does the
calendar-time arithmetic of deadlines; ``engine`` advances the simulated clock through the
injects and judges the team's decisions against the charter; ``report`` turns a finished drill
into the drill report. Nothing here imports Qt.
"""
