"""`hplan serve`: a local web view over the plan file, as fava is over a ledger.

`app.py` answers requests with the application layer (`hplan.api`) and the pages of
`render/pages.py`; `guard.py` decides who may ask (token, Host, Origin, CSRF) and the headers
every answer carries; `server.py` binds, prints the address and stops on Ctrl-C. Imported by
`hplan serve` only.
"""
