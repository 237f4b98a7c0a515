"""The app shell: main window, sidebar, welcome, and the screens later versions fill."""
