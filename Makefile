# The two set-up commands: `make chat` and `make test`. Everything they need is installed here.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
NEWSBOT := $(VENV)/bin/newsbot
# The shared corpus beside the clone, else the copy bundled for the tests (the same articles
# and questions; `make eval CORPUS=DIR` for another).
CORPUS ?= $(if $(wildcard ../shared/corpus/questions.jsonl),../shared/corpus,tests/data/wikinews)
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: install chat test lint eval trials bench clean

install: $(VENV)/.installed

# torch first, pinned to the CPU wheel: a bare `torch` requirement would pull a multi-GB CUDA build.
$(VENV)/.installed: pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet torch==2.13.0
	# (setuptools warns, in a box, that folders named like the packages take precedence: they
	# are the packages, and the warning is the only output a new user would see)
	PYTHONWARNINGS=ignore::UserWarning $(PY) -m pip install --quiet -e '.[dev]'
	touch $@

chat: install
	@$(NEWSBOT) index status >/dev/null 2>&1 || $(NEWSBOT) index build
	$(NEWSBOT) chat

test: install
	$(PY) -m pytest -q

lint: install
	$(VENV)/bin/ruff check .

eval: install
	$(NEWSBOT) eval $(CORPUS)/questions.jsonl --corpus $(CORPUS)/articles --corpus $(CORPUS)/extra
	$(NEWSBOT) eval tests/data/wikinews/heldout.jsonl --corpus $(CORPUS)/articles --corpus $(CORPUS)/extra
	$(NEWSBOT) eval tests/data/wikinews/heldout2.jsonl --corpus $(CORPUS)/articles --corpus $(CORPUS)/extra
	$(NEWSBOT) eval tests/data/wikinews/heldout3.jsonl --corpus $(CORPUS)/articles --corpus $(CORPUS)/extra
	$(NEWSBOT) eval tests/data/wikinews/heldout4.jsonl --corpus $(CORPUS)/articles --corpus $(CORPUS)/extra
	$(NEWSBOT) eval tests/data/wikinews/heldout5.jsonl --corpus $(CORPUS)/articles --corpus $(CORPUS)/extra
	$(NEWSBOT) eval tests/data/wikinews/heldout6.jsonl --corpus $(CORPUS)/articles --corpus $(CORPUS)/extra

# The four trials (tests/data/trials/README.md), each over the corpus and its own 36 articles.
TRIALS := t24 t25 t26 t27
trials: install
	@for t in $(TRIALS); do \
	  $(NEWSBOT) eval tests/data/trials/$$t/questions.jsonl --corpus $(CORPUS)/articles \
	    --corpus $(CORPUS)/extra --corpus tests/data/trials/$$t/articles \
	    --index-dir index-data/trial-$$t || exit 1; \
	done

clean:
	rm -rf $(VENV) index-data .pytest_cache
