# zwgk: plain GNU make.  Targets: all run test asan fuzz bench lint fmt clean deps.
# Objects go to build/ (normal) and build/asan/ (sanitizers); nothing is written elsewhere.

CC      ?= cc
PKGS    := libmicrohttpd libsodium sqlite3 md4c-html libcurl xlsxwriter
WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wformat=2 -Wvla -Wno-format-nonliteral
CFLAGS  ?= -O2 -g
override CFLAGS += -std=c11 -D_GNU_SOURCE -pthread $(WARN)
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lmicrohttpd -lsodium -lsqlite3 -lmd4c-html -lmd4c -lcurl -lxlsxwriter -lz)
LDLIBS  = $(PKG_LIBS) -pthread -lm

B       ?= build
SRC     := $(sort $(wildcard src/*/*.c))
OBJ     := $(SRC:src/%.c=$(B)/obj/%.o) $(B)/obj/embed.o
EMBEDDED := $(sort $(shell find templates static schema data/demo data/holidays-cn.csv -type f -not -name "*.py" 2>/dev/null))
TESTS   := $(sort $(wildcard tests/unit/*/*_test.c))
DB      ?= zwgk-demo.db
LISTEN  ?= 127.0.0.1:8080

.PHONY: all run test unit e2e browser asan fuzz fuzz-replay bench lint fmt clean deps

all: $(B)/zwgk

deps:
	@sh tools/deps.sh

$(B)/obj/%.o: src/%.c $(wildcard src/*/*.h) | deps-once
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -c $< -o $@

$(B)/embedtool: tools/embed.c
	@mkdir -p $(B)
	$(CC) $(CFLAGS) $< -o $@

$(B)/embed.c: $(B)/embedtool $(EMBEDDED)
	$(B)/embedtool $@ $(EMBEDDED)

$(B)/obj/embed.o: $(B)/embed.c src/core/embed.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Isrc/core -c $< -o $@

$(B)/libzwgk.a: $(filter-out $(B)/obj/main.o,$(OBJ))
	rm -f $@
	ar rcs $@ $^

$(B)/zwgk: $(B)/obj/main.o $(B)/libzwgk.a
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

$(B)/tests/%: tests/unit/%.c $(B)/libzwgk.a tests/t.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -Itests -o $@ $< $(B)/libzwgk.a $(LDLIBS)

# Installs packages once per make invocation (idempotent and quick when present).
.PHONY: deps-once
deps-once:
	@sh tools/deps.sh

run: $(B)/zwgk
	@test -f $(DB) || $(B)/zwgk init --db $(DB) --demo
	$(B)/zwgk serve --db $(DB) --listen $(LISTEN)

unit: $(TESTS:tests/unit/%.c=$(B)/tests/%)
	@sh tests/run-unit.sh $(B)/tests

test: all lint
	@sh tests/run-all.sh

asan:
	$(MAKE) B=build/asan CC=clang CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" all unit
	ZWGK_BIN=build/asan/zwgk ASAN_OPTIONS=detect_leaks=1 sh tests/run-e2e.sh

FUZZERS := $(patsubst fuzz/%_fuzz.c,%,$(wildcard fuzz/*_fuzz.c))
FUZZ_SECONDS ?= 60
fuzz:
	$(MAKE) B=build/fuzz CC=clang CFLAGS="-O1 -g -fsanitize=address,undefined,fuzzer-no-link" build/fuzz/libzwgk.a
	@set -e; for f in $(FUZZERS); do \
	  clang -O1 -g -fsanitize=address,undefined,fuzzer -std=c11 -D_GNU_SOURCE $(PKG_CFLAGS) \
	    -o build/fuzz/$$f fuzz/$${f}_fuzz.c build/fuzz/libzwgk.a $(LDLIBS); \
	  mkdir -p build/fuzz/corpus/$$f fuzz/corpus/$$f; \
	  echo "fuzz $$f for $(FUZZ_SECONDS)s (new inputs in build/fuzz/corpus/$$f)"; \
	  build/fuzz/$$f -max_total_time=$(FUZZ_SECONDS) -max_len=65536 build/fuzz/corpus/$$f fuzz/corpus/$$f; \
	done

# Replays every committed corpus through each target with a plain main().
fuzz-replay: $(B)/libzwgk.a
	@mkdir -p $(B)/replay
	@set -e; for f in $(FUZZERS); do \
	  $(CC) $(CFLAGS) $(PKG_CFLAGS) -o $(B)/replay/$$f fuzz/$${f}_fuzz.c fuzz/replay.c $(B)/libzwgk.a $(LDLIBS); \
	done

bench: $(B)/zwgk
	sh bench/pages

lint:
	@sh tools/lint.sh

fmt:
	clang-format -i $(SRC) $(wildcard src/*/*.h) $(TESTS)

clean:
	rm -rf build
