"""Every state change of union staff (see each module's diagram)."""
