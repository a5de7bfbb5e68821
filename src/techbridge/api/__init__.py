"""The REST API (``/api/v1/``): public reads of the published catalogue, token-authenticated
writes for owners, an OpenAPI 3 schema at ``/api/v1/schema/``.

Views validate with serializers and call the catalogue's selectors (reads) and services
(writes), and check the same named predicates (``techbridge.catalogue.rules``) as the pages,
so the API and the pages behave alike.
"""
