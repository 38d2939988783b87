"""Running per-file work: finding the files, worker processes, progress, a page's time budget."""
