"""Serializers of the API: shared fields, read representations, write inputs, filters."""
