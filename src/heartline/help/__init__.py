"""Where heartline points people when coaching is not what they need (SYSTEM.md M5.15)."""
