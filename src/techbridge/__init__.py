"""TechBridge: cross-border technology cooperation platform."""
