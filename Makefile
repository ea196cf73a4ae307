# coref.c build. `make` builds ./coref with the embedded model.
# Targets: all, check (tests + sanitizer run), model, eval, bench, clean.
CC ?= cc
BUILD ?= build
OPT ?= -O2
CFLAGS ?= $(OPT) -g
WARN := -std=c11 -Wall -Wextra -Werror -Wshadow -Wno-unused-parameter
CPPFLAGS += -Iinclude -Isrc -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
LDLIBS := -lutf8proc -ljansson -lm
# Library code is position-independent (for libcoref.so) and hidden unless
# include/coref.h marks it COREF_API: the library exports only its API.
LIBFLAGS := -fPIC -fvisibility=hidden
SOVERSION := 0
SAN := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
MODEL ?= models/coref.model
DATA ?= ../shared/data

LIB_SRC := $(sort $(wildcard src/*/*.c))
LIB_SRC := $(filter-out src/cli/%,$(LIB_SRC))
CLI_SRC := $(sort $(wildcard src/cli/*.c))
# tools/model_image.c makes the model image the library embeds: it is
# linked without one (below), not like the other tools.
TOOL_SRC := $(filter-out tools/model_image.c,$(sort $(wildcard tools/*.c)))
# Code the tools share (the tagger's trainer): linked into the tools, never
# into the library.
TOOL_COMMON_OBJ := $(patsubst %.c,$(BUILD)/%.o,$(sort $(wildcard tools/common/*.c)))
TEST_SRC := $(sort $(wildcard tests/test_*.c))

LIB_OBJ_CODE := $(patsubst %.c,$(BUILD)/%.o,$(LIB_SRC))
LIB_OBJ := $(LIB_OBJ_CODE) $(BUILD)/src/model_embed.o
CLI_OBJ := $(patsubst %.c,$(BUILD)/%.o,$(CLI_SRC))
TOOLS := $(patsubst tools/%.c,$(BUILD)/tools/%,$(TOOL_SRC)) $(BUILD)/tools/model_image
TESTS := $(patsubst tests/%.c,$(BUILD)/tests/%,$(TEST_SRC))

.PHONY: all tools tests check check-fast check-asan check-python model eval eval-baseline bench bench-compare bench-scale clean valgrind fuzz tsan
all: coref tools $(BUILD)/libcoref.so.$(SOVERSION)

# ./coref always points at the default build (not at sanitizer/clang builds).
coref: $(BUILD)/coref
	@if [ "$(BUILD)" = build ]; then ln -sf build/coref coref; fi

# Objects depend on the Makefile too: changed flags rebuild them.
$(BUILD)/%.o: %.c Makefile
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) $(LIBFLAGS) -MMD -MP -c $< -o $@

# The binary embeds the model's image (tables stored ready to use, used
# in place: no decoding at start), made from $(MODEL) by tools/model_image,
# which is linked with an empty embedded model. Embedded with the
# assembler's .incbin (gcc and clang).
$(BUILD)/src/model_none.o: src/model_embed.S
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

$(BUILD)/tools/model_image: tools/model_image.c $(LIB_OBJ_CODE) $(BUILD)/src/model_none.o
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/coref.img: $(MODEL) $(BUILD)/tools/model_image
	$(BUILD)/tools/model_image $(MODEL) $@

$(BUILD)/src/model_embed.o: src/model_embed.S $(BUILD)/coref.img
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -DMODEL_PATH='"$(BUILD)/coref.img"' -c $< -o $@

# libcoref.a, the library users link: all objects joined into one whose
# hidden (internal) symbols are made local, so only coref_* is defined.
$(BUILD)/libcoref.a: $(LIB_OBJ)
	rm -f $@ $(BUILD)/libcoref.o
	$(LD) -r -o $(BUILD)/libcoref.o $^
	objcopy --localize-hidden $(BUILD)/libcoref.o
	ar rcs $@ $(BUILD)/libcoref.o

# libcoref.so with a soname, for dynamic loading (Python's ctypes).
$(BUILD)/libcoref.so.$(SOVERSION): $(LIB_OBJ)
	$(CC) $(CFLAGS) -shared -Wl,-soname,libcoref.so.$(SOVERSION) -Wl,-z,noexecstack -o $@ $^ $(LDLIBS)
	ln -sf libcoref.so.$(SOVERSION) $(BUILD)/libcoref.so

# The same objects with their internal symbols still global, for the tools
# and tests that exercise single stages.
$(BUILD)/libcoref-internal.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

# The CLI uses the public API and the libc-only file reader (its own copy:
# the library's is local to libcoref.a).
$(BUILD)/coref: $(CLI_OBJ) $(BUILD)/src/core/fileio.o $(BUILD)/libcoref.a
	$(CC) $(CFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/src/core/fileio.o $(BUILD)/libcoref.a $(LDLIBS) -pthread

$(BUILD)/tools/%: tools/%.c $(TOOL_COMMON_OBJ) $(BUILD)/libcoref-internal.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -o $@ $< $(TOOL_COMMON_OBJ) $(BUILD)/libcoref-internal.a $(LDLIBS)

$(BUILD)/tests/%: tests/%.c $(wildcard tests/*.h) $(BUILD)/libcoref-internal.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -Itests -o $@ $< $(BUILD)/libcoref-internal.a $(LDLIBS) -lcmocka -pthread

# test_api uses only include/coref.h: it is linked against the shared
# library, so make check runs a client of libcoref.so.
$(BUILD)/tests/test_api: tests/test_api.c $(wildcard tests/*.h) $(BUILD)/libcoref.so.$(SOVERSION)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -Itests -o $@ $< -L$(BUILD) -lcoref -Wl,-rpath,'$$ORIGIN/..' $(LDLIBS) -lcmocka -pthread

tools: $(TOOLS)
tests: $(TESTS) $(BUILD)/coref $(BUILD)/libcoref.a $(BUILD)/libcoref.so.$(SOVERSION)

# Unit and conformance tests, the same tests under ASan+UBSan, the CLI under
# valgrind. Every stage runs even when an earlier one failed; each records its
# counts, and the summary fails when a stage failed, did not build, ran no
# test or fewer programs than tests/test_*.c (tests/run.sh, tests/summary.sh).
check:
	@rm -f $(BUILD)/test-results.txt $(BUILD)/python-results.txt build-asan/test-results.txt \
	  $(BUILD)/valgrind-results.txt
	-@$(MAKE) --no-print-directory check-fast
	-@$(MAKE) --no-print-directory check-python
	-@$(MAKE) --no-print-directory check-asan
	-@$(MAKE) --no-print-directory valgrind
	@bash tests/summary.sh $(BUILD)/test-results.txt $(BUILD)/python-results.txt \
	  build-asan/test-results.txt $(BUILD)/valgrind-results.txt

# Each stage also fails on its own (non-zero exit) when run alone.
# The results are removed first, so a failed build cannot leave an old pass
# behind (the summary then finds no file and fails).
check-fast:
	@rm -f $(BUILD)/test-results.txt
	@$(MAKE) --no-print-directory tests; BUILD_STATUS=$$? BUILD=$(BUILD) bash tests/run.sh $(BUILD)

# The Python package (python/tests, pytest) against this build's libcoref.so
# and CLI; fails when pytest is missing or runs no test (tests/python.sh).
# PYTHON=/path/to/python3 to pick the interpreter. The stage's results are
# removed first, so a failed build cannot leave an old pass behind.
check-python:
	@rm -f $(BUILD)/python-results.txt
	@$(MAKE) --no-print-directory tests; BUILD_STATUS=$$? bash tests/python.sh $(BUILD)

# A failed sanitizer build leaves stale or missing binaries: run.sh is told
# (BUILD_STATUS) and counts every program as failed instead of running them.
check-asan:
	@rm -f build-asan/test-results.txt
	@$(MAKE) BUILD=build-asan OPT=-O1 CFLAGS="-O1 -g $(SAN)" LDLIBS="$(LDLIBS) $(SAN)" tests; \
	BUILD_STATUS=$$? ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 BUILD=build-asan \
	bash tests/run.sh build-asan

# VALGRIND=/path/to/valgrind to pick one; without it the checks are skipped.
valgrind:
	@rm -f $(BUILD)/valgrind-results.txt
	@$(MAKE) --no-print-directory coref && BUILD=$(BUILD) bash tests/valgrind.sh

# Train every model component from $(DATA) and pack models/coref.model.
model: tools
	DATA=$(DATA) BUILD=$(BUILD) bash tools/make_model.sh

eval: all
	DATA=$(DATA) BUILD=$(BUILD) bash tools/eval.sh

# Issue 3's "before": the first pipeline rebuilt from its commit and scored.
eval-baseline:
	DATA=$(DATA) bash tools/eval_baseline.sh

bench: all
	DATA=$(DATA) BUILD=$(BUILD) bash bench/run.sh

# End-to-end tokens/s of an older commit built beside this tree (BASE=COMMIT).
bench-compare: all
	DATA=$(DATA) BUILD=$(BUILD) bash bench/compare.sh $(BASE)

# Time and peak RSS against document size (10 k .. 10 M tokens), three shapes.
bench-scale: all
	DATA=$(DATA) BUILD=$(BUILD) bash bench/scale.sh

clean:
	rm -rf build build-asan build-fuzz build-tsan coref

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

# libFuzzer targets (clang): `make fuzz FUZZ_SECONDS=60` builds and runs each
# reader's fuzzer from a seed corpus of examples and data snippets.
FUZZ_SECONDS ?= 30
FUZZ_FLAGS := -O1 -g -fsanitize=fuzzer,address,undefined
fuzz:
	$(MAKE) CC=clang BUILD=build-fuzz OPT=-O1 CFLAGS="-O1 -g -fsanitize=fuzzer-no-link,address,undefined" build-fuzz/libcoref-internal.a
	FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_FLAGS="$(FUZZ_FLAGS)" FUZZ_ARGS="$(FUZZ_ARGS)" bash fuzz/run.sh

# ThreadSanitizer (clang): the library and tests/test_threads (4 threads, one
# shared model, outputs compared with single-threaded ones) built with
# -fsanitize=thread. A race report stops the run with a non-zero exit
# (halt_on_error), as does a mismatch. First, the library must hold no
# writable static object at all (.data/.bss): such state is shared by every
# thread, even where the threads test does not reach it.
TSAN_FLAGS := -O1 -g -fsanitize=thread -fno-omit-frame-pointer
tsan:
	$(MAKE) CC=clang BUILD=build-tsan OPT=-O1 CFLAGS="$(TSAN_FLAGS)" build-tsan/tests/test_threads build-tsan/coref
	@w=$$(objdump -t build-tsan/libcoref-internal.a | grep -E ' O \.(data|bss|tdata|tbss)' | grep -v 'rel\.ro'); \
	if [ -n "$$w" ]; then echo "writable static data in libcoref.a:"; echo "$$w"; exit 1; fi
	TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" CMOCKA_MESSAGE_OUTPUT=TAP build-tsan/tests/test_threads
	@# the CLI's --threads path (reader, workers, writer); bad lines exit 1, a race 66
	@for i in 1 2 3 4 5 6 7 8 9; do echo '{"id":'$$i',"text":"Lavrov met Merkel. She said he was ready."}'; echo '{"id":'; done | \
	TSAN_OPTIONS="halt_on_error=1" build-tsan/coref annotate --input jsonl --threads 4 > /dev/null 2> build-tsan/cli.err; \
	rc=$$?; [ $$rc -eq 1 ] || { cat build-tsan/cli.err; echo "tsan: coref annotate --threads 4: exit $$rc"; exit 1; }
	TSAN_OPTIONS="halt_on_error=1" build-tsan/coref resolve --threads 4 examples/lavrov_scraped.txt examples/README.md examples/lavrov_scraped.txt > /dev/null
