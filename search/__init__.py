"""The site search page: talks, forums, speakers and news in one list (see queries.py)."""
