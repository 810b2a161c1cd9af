"""The center's server: the JSON API over `aicc.center`, served by uvicorn (`aicc serve`).

A thin HTTP layer: each route authenticates the bearer token, calls one function of
`aicc.center` and turns its errors into statuses. It sits beside the command line, over the
pipeline and the center; neither it nor `aicc.cli` imports the other (`tests/test_layers.py`).
`aicc serve` starts it by uvicorn's import string ``aicc.server.app:create_app``.
"""
