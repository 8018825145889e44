"""``python -m desktop`` runs the charter-builder command."""

import sys

from desktop.cli import main

sys.exit(main())
