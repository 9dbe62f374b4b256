"""``python -m retrotui.cli``: the same as ``retro``."""

import sys

from retrotui.cli.entry import main

if __name__ == "__main__":
    sys.exit(main())
