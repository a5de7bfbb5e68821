"""Writes of the catalogue, split by subdomain: items (create, edit), lifecycle (the one
state-change function), attachments, interests. Import from the submodules."""
