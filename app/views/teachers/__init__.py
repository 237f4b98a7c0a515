"""The Teachers screen: roster list, detail pane, add/edit form and CSV import."""
