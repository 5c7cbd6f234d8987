"""Test support shipped with the package: the tiny seeded province and its personas."""
