# sunset: plain make with pkg-config. `make demo` and `make check` are the README's two commands.

CC      ?= cc
PKGS    := jansson libcrypto yaml-0.1 libcurl libxml-2.0 sqlite3 libpq
OPT     ?= -O2 -g
STD     := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
WARN    := -Wall -Wextra -Wshadow -Wpointer-arith -Wformat=2 -Wstrict-prototypes -Wmissing-prototypes \
           -Wno-missing-field-initializers
ifeq ($(CI),true)
WARN    += -Werror
endif
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -ljansson -lcrypto -lyaml -lcurl -lxml2 -lsqlite3 -lpq) -lm

B       ?= build
EXTRA_CFLAGS ?=
EXTRA_LDFLAGS ?=
CFLAGS_ALL = $(STD) $(OPT) $(WARN) $(PKG_CFLAGS) -Isrc -I$(B)/gen $(EXTRA_CFLAGS)
LDFLAGS_ALL = $(EXTRA_LDFLAGS)

LIB_SRC := $(filter-out src/cmd/main.c,$(wildcard src/*/*.c))
LIB_OBJ := $(LIB_SRC:%.c=$(B)/%.o) $(B)/gen/catalog_data.o
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)

.PHONY: all demo check bootstrap bootstrap-build unit e2e e2e-clock sanitize valgrind bench bench-org clean fuzz browser live peer tf-oracle update \
        upgrade install uninstall deb ship history
all: $(B)/sunset

$(B)/sunset: $(B)/src/cmd/main.o $(LIB_OBJ)
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(PKG_LIBS)

$(B)/%.o: %.c $(wildcard src/*/*.h) | $(B)/gen/version.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -MMD -MP -c -o $@ $<

# The version (VERSION, and `git describe` in a checkout), rewritten only when it changes.
.PHONY: FORCE
$(B)/gen/version.h: FORCE
	@mkdir -p $(dir $@)
	@scripts/gen-version $@

$(B)/tools/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(CC) $(STD) -O1 -o $@ $<

$(B)/gen/catalog_data.c: data/lambda-runtimes.json $(B)/tools/embed
	@mkdir -p $(dir $@)
	$(B)/tools/embed catalog_builtin_json $< > $@.tmp && mv $@.tmp $@

$(B)/gen/catalog_data.o: $(B)/gen/catalog_data.c
	$(CC) $(STD) $(OPT) -c -o $@ $<

$(B)/tests/test_%: tests/unit/test_%.c tests/unit/testutil.h $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Itests/unit $(LDFLAGS_ALL) -o $@ $< $(LIB_OBJ) $(PKG_LIBS) -lcmocka

bootstrap:
	@scripts/bootstrap test

bootstrap-build:
	@scripts/bootstrap build

demo: bootstrap-build
	@$(MAKE) --no-print-directory all
	@echo "== sunset scan of the demo estate (examples/estate) and its templates (examples/templates) =="
	@mkdir -p $(B)/demo
	@$(B)/sunset scan $(addprefix --inventory ,$(sort $(wildcard examples/estate/*.json))) examples/templates \
	  -o text=- -o html=$(B)/demo/report.html -o json=$(B)/demo/report.json -o markdown=$(B)/demo/report.md; \
	  rc=$$?; echo "(exit code $$rc: 1 means findings at or above --fail-on deprecated)"; \
	  echo "Reports: $(B)/demo/report.html, report.json, report.md"; [ $$rc -le 1 ]

unit: $(UNIT_BIN)
	@tests/run-unit $(UNIT_BIN)

e2e: $(B)/sunset
	@SUNSET=$(B)/sunset tests/e2e/run

# The e2e suite again with the system clock moved (libfaketime): no case may depend on it.
E2E_CLOCKS ?= 2027-06-01 2031-01-01
e2e-clock: $(B)/sunset
	@set -e; for d in $(E2E_CLOCKS); do \
	  E2E_LABEL="e2e@$$d" SUNSET=$(B)/sunset faketime "$$d 12:00:00" tests/e2e/run; done

live: $(B)/sunset
	@SUNSET=$(B)/sunset tests/live/run

# runtimes --update against a fixture page served on 127.0.0.1, and its broken variants
update: $(B)/sunset
	@SUNSET=$(B)/sunset tests/update/run

history: $(B)/sunset
	@SUNSET=$(B)/sunset tests/history/run

# sunset upgrade against moto (Lambda without Docker, CloudWatch metrics) and a fake Lambda
upgrade: $(B)/sunset
	@SUNSET=$(B)/sunset tests/upgrade/run

peer: $(B)/sunset
	@SUNSET=$(B)/sunset tests/peer/run

# Terraform's evaluator as the oracle: tests/tf-oracle/fixtures, `terraform console` offline
tf-oracle: $(B)/sunset
	@SUNSET=$(B)/sunset tests/tf-oracle/run

browser: $(B)/sunset
	@SUNSET=$(B)/sunset tests/browser/run

valgrind: $(B)/sunset
	@E2E_LABEL=valgrind SUNSET=$(B)/sunset SUNSET_WRAP="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect" tests/e2e/run

sanitize:
	@$(MAKE) --no-print-directory B=build/san OPT="-O1 -g -fno-omit-frame-pointer" \
	  EXTRA_CFLAGS="-fsanitize=address,undefined -fno-sanitize-recover=all" \
	  EXTRA_LDFLAGS="-fsanitize=address,undefined" unit e2e tf-oracle peer live update upgrade history

# Every suite appends "passed failed" to $(TEST_COUNTS); the last line is the total.
export TEST_COUNTS := $(CURDIR)/build/test-counts
check: bootstrap
	@mkdir -p build && rm -f $(TEST_COUNTS)
	@$(MAKE) --no-print-directory all unit e2e e2e-clock peer tf-oracle live update upgrade history browser ship
	@$(MAKE) --no-print-directory sanitize
	@$(MAKE) --no-print-directory valgrind
	@awk '{p += $$1; f += $$2} END {printf "check: %d passed, %d failed\n", p, f; exit f > 0}' $(TEST_COUNTS)

# make install [PREFIX=/usr/local] [DESTDIR=]: the binary, the man pages, the bash, zsh and
# fish completions and the docs, in the standard places under PREFIX. make uninstall
# removes exactly those files.
PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man
DOCDIR  ?= $(PREFIX)/share/doc/sunset
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR  ?= $(PREFIX)/share/zsh/site-functions
FISHCOMPDIR ?= $(PREFIX)/share/fish/vendor_completions.d
MAN_PAGES := $(wildcard man/*.1)
DOCS    := README.md docs/ARCHITECTURE.md docs/json-output.md
install: $(B)/sunset
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DOCDIR) \
	  $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) $(DESTDIR)$(FISHCOMPDIR)
	install -m 755 $(B)/sunset $(DESTDIR)$(BINDIR)/sunset
	install -m 644 $(MAN_PAGES) $(DESTDIR)$(MANDIR)/man1/
	install -m 644 completions/sunset.bash $(DESTDIR)$(BASHCOMPDIR)/sunset
	install -m 644 completions/_sunset $(DESTDIR)$(ZSHCOMPDIR)/_sunset
	install -m 644 completions/sunset.fish $(DESTDIR)$(FISHCOMPDIR)/sunset.fish
	install -m 644 $(DOCS) $(DESTDIR)$(DOCDIR)/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/sunset $(addprefix $(DESTDIR)$(MANDIR)/man1/,$(notdir $(MAN_PAGES))) \
	  $(DESTDIR)$(BASHCOMPDIR)/sunset $(DESTDIR)$(ZSHCOMPDIR)/_sunset $(DESTDIR)$(FISHCOMPDIR)/sunset.fish \
	  $(addprefix $(DESTDIR)$(DOCDIR)/,$(notdir $(DOCS)))
	-rmdir $(DESTDIR)$(DOCDIR) 2>/dev/null

# make deb: $(B)/sunset_VERSION_ARCH.deb (dpkg-deb; Depends from the libraries linked).
deb: $(B)/sunset
	@scripts/mkdeb $(B)

# The install, man page, completion, package, container, action and pre-commit tests.
ship: $(B)/sunset
	@SUNSET=$(B)/sunset B=$(B) tests/ship/run

bench: $(B)/sunset
	@bench/inventory

# The organisation benchmark (not part of make check): bench/org, 1,000 accounts x 17 regions.
bench-org: $(B)/sunset
	@SUNSET=$(B)/sunset bench/org

clean:
	rm -rf build

-include $(shell find $(B) -name '*.d' -type f 2>/dev/null)

# Coverage-guided fuzzing of every parser (clang's libFuzzer): each tests/fuzz/fuzz_NAME.c
# runs for FUZZ_SECONDS, seeded from tests/fuzz/corpus/NAME (hand-made seeds and inputs
# that crashed once) and the e2e fixtures. FUZZ_TARGETS="cfn hcl" runs only those.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
fuzz:
	@$(MAKE) --no-print-directory B=build/fuzz CC=clang OPT="-O1 -g" \
	  EXTRA_CFLAGS="-fsanitize=fuzzer-no-link,address,undefined" EXTRA_LDFLAGS="-fsanitize=address,undefined" \
	  $(subst $(B)/,build/fuzz/,$(LIB_OBJ))
	@set -e; for t in $(FUZZ_TARGETS); do \
	  clang $(STD) -O1 -g -Isrc $(PKG_CFLAGS) -fsanitize=fuzzer,address,undefined -o build/fuzz/fuzz_$$t \
	    tests/fuzz/fuzz_$$t.c $(subst $(B)/,build/fuzz/,$(LIB_OBJ)) $(PKG_LIBS); \
	  mkdir -p build/fuzz/corpus-$$t; \
	  if [ -d tests/fuzz/corpus/$$t ]; then cp tests/fuzz/corpus/$$t/* build/fuzz/corpus-$$t/ 2>/dev/null || true; fi; \
	  case $$t in \
	  inventory) cp tests/e2e/fixtures/*.json build/fuzz/corpus-$$t/ ;; \
	  doc|cfn|serverless) find tests/e2e/fixtures/iac -name '*.y*ml' -o -name '*.json' | \
	    while read f; do cp "$$f" build/fuzz/corpus-$$t/$$(echo "$$f" | tr / _); done ;; \
	  terraform|hcl) find tests/e2e/fixtures/iac -name '*.tf' -o -name '*.tfvars' | \
	    while read f; do cp "$$f" build/fuzz/corpus-$$t/$$(echo "$$f" | tr / _); done ;; \
	  esac; \
	  echo "== fuzz $$t ($(FUZZ_SECONDS) s) =="; \
	  (cd build/fuzz && ./fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -rss_limit_mb=1024 \
	    corpus-$$t 2>log-$$t) || { grep -v "^sunset: " build/fuzz/log-$$t | tail -30; exit 1; }; \
	  grep -v "^sunset: " build/fuzz/log-$$t | tail -2; \
	done
