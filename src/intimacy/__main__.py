"""``python -m intimacy``: the same as the ``intimacy`` command."""

import sys

from intimacy.cli import main

if __name__ == "__main__":
    sys.exit(main())
