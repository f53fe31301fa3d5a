"""``python -m cablereader`` runs the command-line front end."""

import sys

from cablereader.cli import main

sys.exit(main())
