"""The demo data set (composition layer: it writes through every app's services).

`loaddemo` runs the modules in order; each has load(stdout) and is idempotent.
"""
