"""The Pilots screen: the list, the pilot view and its five tabs."""
