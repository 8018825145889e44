"""The Qt desktop application and the charter-builder command line."""
