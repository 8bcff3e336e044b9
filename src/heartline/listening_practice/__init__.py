"""Listening practice: a simulated sharer who opens up or shuts down (SYSTEM.md M2, M4)."""
