"""The compatibility run: the binding checks and a GUI smoke test under every Python 3.10–3.13."""
