"""District reports (issue 14; SPEC section 6): each report a selector module
that reads the records with aggregate queries and returns tables, the same
tables the page shows, charts and downloads as CSV."""
