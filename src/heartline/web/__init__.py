"""The local web app for two partners on their own devices (``heartline serve``)."""
