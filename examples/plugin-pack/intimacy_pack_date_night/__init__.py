"""Pack files for the intimacy library; intimacy reads them and never imports this package."""
