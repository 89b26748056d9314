"""The REST API (Django REST Framework, drf-spectacular) and personal API tokens.

A composition layer: it reads the domain apps through their selectors and access functions and
writes through their services, like the pages do.
"""
