"""The bundled packs (JSON pack files), read through ``importlib.resources``."""
