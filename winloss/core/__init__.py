"""Pure core: logic that needs no database and never imports Django."""
