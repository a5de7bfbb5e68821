"""``python -m techbridge``: the same entry point as the ``techbridge`` script."""

import sys

from techbridge.cli import main

sys.exit(main())
