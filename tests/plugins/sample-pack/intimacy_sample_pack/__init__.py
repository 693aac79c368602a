"""Pack files for the intimacy sample plugin (data only: intimacy never imports this)."""
