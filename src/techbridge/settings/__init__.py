"""Settings modules: ``dev`` (default for ``make run``), ``test`` and ``production``."""
