"""A charter's versions: the fingerprint that seals an approval, the status derived from it,
the change summary between two versions, version numbers, and the redline for the board pack.

Qt-free; the desktop only shows and triggers what is here.
"""
