"""Writes of the events domain, one module per subdomain. Each service checks who may act,
owns its transaction, records the change in the audit log and notifies people on commit."""
