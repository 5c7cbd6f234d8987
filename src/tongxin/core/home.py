"""The home page: the cards every app registers (HOME_CARDS in its registers.py), in order.
The per-role cards come from accounts, made of the parts the apps register per role."""

from typing import Any

from .registration import HomeCard, collect


def home_cards_for(user: Any) -> list[HomeCard]:
    cards = [card for provide in collect("HOME_CARDS") for card in provide(user)]
    return sorted(cards, key=lambda card: card.order)
