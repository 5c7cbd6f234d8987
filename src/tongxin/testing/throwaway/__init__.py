"""A throwaway app that proves the registries (core/registration.py): enabled only in
tongxin.testing.throwaway_settings, it reaches the menu, the home page, the to-do list, the
API and the authorization matrix from its own folder alone. tests/test_registration.py runs
it in a pytest process of its own; checks.py holds what that process asserts."""
