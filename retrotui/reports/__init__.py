"""What is shared: the Markdown report."""
