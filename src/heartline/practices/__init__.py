"""Practices that make closeness more likely: question decks and the rituals around them."""
