"""Entry point of the frozen bundle: one executable for the command line and the window.

``CableReader`` with no command (or with files) opens the window; ``CableReader quotes
...`` and the other commands work as ``cablereader`` does.
"""

import multiprocessing
import sys

if __name__ == "__main__":
    # Large corpora are analysed in spawned worker processes, which a frozen app starts
    # by running this executable again; freeze_support() turns those runs into workers
    # instead of new copies of the app.  It must come before anything else.
    multiprocessing.freeze_support()

    from cablereader.cli import main

    sys.exit(main())
