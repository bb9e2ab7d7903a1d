# Shorthands for the two commands in README.md (which need only Python, not make).
.PHONY: demo test bench
demo:
	python3 dev.py demo
test:
	python3 dev.py test
