"""A broken plugin pack for intimacy's tests."""
