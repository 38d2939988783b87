"""What a page is: the pydantic models, the parser's records and a finding (data only, no logic)."""
