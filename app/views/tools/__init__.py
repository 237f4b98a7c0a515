"""The Tools screen: the inventory after the pilot, with each tool's figures and review."""
