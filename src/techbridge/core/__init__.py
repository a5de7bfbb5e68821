"""The pure core: TechBridge's algorithms, free of Django.

Every package below takes plain data (dataclasses, numpy arrays) and returns
plain data, so it can be unit tested, property tested and benchmarked without
a database, and run by the batch commands of ``techbridge.cli``. Django apps
reach it through one small adapter each. Importing Django here is a defect;
``tests/core/test_purity.py`` enforces it.
"""
