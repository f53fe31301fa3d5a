"""``python -m cablereader`` runs the command-line front end."""

import sys

from cablereader.cli import main

# Guarded: worker processes (spawn) import this module under another name.
if __name__ == "__main__":
    sys.exit(main())
