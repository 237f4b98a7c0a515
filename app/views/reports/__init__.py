"""The Reports screen: pick a document and its subject, preview the pages, then save."""
