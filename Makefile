# Makefile for httpc and libhttpc (GNU make).  Run ./configure first:
# it writes config.mk with the compiler, the flags and the libraries.

ifneq ($(wildcard config.mk),)
include config.mk
else ifeq ($(filter clean distclean,$(MAKECMDGOALS)),)
$(error config.mk is missing: run ./configure first)
endif

.SUFFIXES:
.SUFFIXES: .c .o
.DELETE_ON_ERROR:
.PHONY: all unit check install clean distclean fuzz fuzz-smoke fuzz-long \
    fi fi-quick bench

# Include paths of our own, before the configured ones.
# libbsd: keep the OpenBSD strnvis(3) (NetBSD changed its arguments).
HC_CPPFLAGS = -I. -Icore -Itls -DLIBBSD_OPENBSD_VIS

LIB_SRCS := $(wildcard core/*.c tls/*.c)
LIB_OBJS := $(LIB_SRCS:.c=.o)
CMD_SRCS := $(wildcard cmd/*.c)
CMD_OBJS := $(CMD_SRCS:.c=.o)
# The program's modules without main(), for unit tests of cmd/ code.
CMD_LIB_OBJS := $(filter-out cmd/main.o,$(CMD_OBJS))
HDRS := $(wildcard core/*.h tls/*.h cmd/*.h)

# Unit tests: each tests/unit/t_NAME.c is a program; every other .c
# there (memtransport.c, lib*.c, ...) is a helper linked into each.
UNIT_SRCS := $(wildcard tests/unit/t_*.c)
UNIT_OBJS := $(UNIT_SRCS:.c=.o)
UNIT_BINS := $(UNIT_SRCS:.c=)
# t_fi is linked with the failure-injection shim (see FI_WRAP below).
UNIT_PLAIN_BINS := $(filter-out tests/unit/t_fi,$(UNIT_BINS))
UNIT_HELPER_SRCS := $(filter-out $(UNIT_SRCS),$(wildcard tests/unit/*.c))
UNIT_HELPER_OBJS := $(UNIT_HELPER_SRCS:.c=.o)
UNIT_HDRS := $(wildcard tests/unit/*.h)

# Fuzz targets: built only by "make fuzz", with clang and libFuzzer,
# against the core sources recompiled for the fuzzer, under address and
# undefined behaviour sanitizers (any report is a crash).  Targets over
# cmd/ code (cookie, decode, writeout) compile that file in.
FUZZ_CC = clang
FUZZ_CFLAGS = -g -O1 -std=c11 -D_GNU_SOURCE -Wall -Wextra \
    -fsanitize=fuzzer-no-link,address,undefined \
    -fno-sanitize-recover=undefined
# make fuzz-smoke: every target this many seconds over its seed corpus.
FUZZ_SMOKE_TIME = 15
# make fuzz-long: every target this many runs (tests/fuzz/long.sh).
FUZZ_LONG_RUNS = 10000000
FUZZ_SRCS := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BINS := $(FUZZ_SRCS:.c=)
FUZZ_CORE_OBJS := $(patsubst core/%.c,tests/fuzz/core-%.o,$(wildcard core/*.c))
# The unit tests' in-memory transport, built for the fuzzer.
FUZZ_HELPER_OBJS := tests/fuzz/unit-memtransport.o

all: libhttpc.a httpc

.c.o:
	$(CC) $(HC_CPPFLAGS) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

# Simple and correct: every object depends on every header, and on the
# configuration (a new ./configure rebuilds everything).
$(LIB_OBJS) $(CMD_OBJS) $(UNIT_OBJS) $(UNIT_HELPER_OBJS): $(HDRS) config.mk
$(UNIT_OBJS) $(UNIT_HELPER_OBJS): $(UNIT_HDRS)
$(UNIT_OBJS) $(UNIT_HELPER_OBJS): HC_CPPFLAGS += -Itests/unit

libhttpc.a: $(LIB_OBJS)
	rm -f $@
	$(AR) rcs $@ $(LIB_OBJS)

httpc: $(CMD_OBJS) libhttpc.a
	$(CC) $(LDFLAGS) -o $@ $(CMD_OBJS) libhttpc.a $(LDLIBS)

cmd/libcmd.a: $(CMD_LIB_OBJS)
	rm -f $@
	$(AR) rcs $@ $(CMD_LIB_OBJS)

unit: $(UNIT_BINS)

$(UNIT_PLAIN_BINS): %: %.o $(UNIT_HELPER_OBJS) cmd/libcmd.a libhttpc.a
	$(CC) $(LDFLAGS) -o $@ $< $(UNIT_HELPER_OBJS) cmd/libcmd.a libhttpc.a \
	    $(LDLIBS)

# Failure injection (tests/fi/shim.c says what and how): every call our
# objects make to one of FI_WRAP goes through the shim, which fails the
# n-th one.  t_fi (make check) drives the library that way over the
# in-memory transport; tests/fi/httpc-fi is the whole program built with
# address and undefined behaviour sanitizers in tests/fi/obj, which
# tests/fi/run.sh ("make fi", .ci/run) runs against HTTP and HTTPS
# servers with n = 1, 2, ... until a run no longer reaches n.  Both link
# libbsd as a shared library (DEP_LIBS): statically, its freezero()
# would call the wrapped free() and count one free twice.
comma := ,
FI_WRAP = malloc calloc realloc reallocarray strdup strndup asprintf \
    vasprintf free freezero recv send read write splice
FI_LDFLAGS = $(patsubst %,-Wl$(comma)--wrap=%,$(FI_WRAP))
FI_CFLAGS = -O1 -g -std=c11 -D_GNU_SOURCE -Wall -Wextra \
    -fsanitize=address,undefined -fno-sanitize-recover=undefined \
    -fno-omit-frame-pointer
FI_OBJS := $(patsubst %.c,tests/fi/obj/%.o,$(LIB_SRCS) $(CMD_SRCS)) \
    tests/fi/obj/shim.o

tests/fi/shim.o: tests/fi/shim.c config.mk
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ tests/fi/shim.c

tests/unit/t_fi: tests/unit/t_fi.o tests/fi/shim.o $(UNIT_HELPER_OBJS) \
    cmd/libcmd.a libhttpc.a
	$(CC) $(LDFLAGS) $(FI_LDFLAGS) -o $@ tests/unit/t_fi.o \
	    tests/fi/shim.o $(UNIT_HELPER_OBJS) cmd/libcmd.a libhttpc.a \
	    $(DEP_LIBS)

tests/fi/obj/%.o: %.c $(HDRS) config.mk
	@mkdir -p $(@D)
	$(CC) $(HC_CPPFLAGS) $(CPPFLAGS) $(FI_CFLAGS) -c -o $@ $<

tests/fi/obj/shim.o: tests/fi/shim.c config.mk
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(FI_CFLAGS) -c -o $@ tests/fi/shim.c

tests/fi/httpc-fi: $(FI_OBJS)
	$(CC) $(FI_CFLAGS) $(LDFLAGS) $(FI_LDFLAGS) -o $@ $(FI_OBJS) $(DEP_LIBS)

# The whole run (HTTP and HTTPS, allocations and I/O), under a minute.
fi: tests/fi/httpc-fi
	sh tests/fi/run.sh tests/fi/httpc-fi

# Allocations over HTTP only.
fi-quick: tests/fi/httpc-fi
	sh tests/fi/run.sh -q tests/fi/httpc-fi

# tests/run.sh runs the unit programs named, then the bats suites, and
# prints the closing "N passed, M failed" line.
check: all unit
	sh tests/run.sh $(UNIT_BINS)

# The version has one home: HTTPC_VERSION in core/httpc.h.
libhttpc.pc: libhttpc.pc.in core/httpc.h config.mk
	v=`sed -n 's/^#[[:space:]]*define[[:space:]][[:space:]]*HTTPC_VERSION[[:space:]][[:space:]]*"\([^"]*\)".*/\1/p' core/httpc.h`; \
	if [ -z "$$v" ]; then \
		echo "no #define HTTPC_VERSION \"x.y.z\" in core/httpc.h" >&2; \
		exit 1; \
	fi; \
	sed -e "s|@VERSION@|$$v|g" \
	    -e 's|@PREFIX@|$(PREFIX)|g' \
	    -e 's|@LIBDIR@|$(LIBDIR)|g' \
	    -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|g' \
	    -e 's|@LIBS_PRIVATE@|$(DEP_LIBS)|g' \
	    libhttpc.pc.in >$@.tmp
	mv $@.tmp $@

MANPAGES := $(wildcard man/httpc.1 man/libhttpc.3)

install: all libhttpc.pc
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(INCLUDEDIR) \
	    $(DESTDIR)$(LIBDIR)/pkgconfig
	install -m 0755 httpc $(DESTDIR)$(BINDIR)/httpc
	install -m 0644 core/httpc.h $(DESTDIR)$(INCLUDEDIR)/httpc.h
	install -m 0644 libhttpc.a $(DESTDIR)$(LIBDIR)/libhttpc.a
	install -m 0644 libhttpc.pc $(DESTDIR)$(LIBDIR)/pkgconfig/libhttpc.pc
ifneq ($(filter man/httpc.1,$(MANPAGES)),)
	mkdir -p $(DESTDIR)$(MANDIR)/man1
	install -m 0644 man/httpc.1 $(DESTDIR)$(MANDIR)/man1/httpc.1
endif
ifneq ($(filter man/libhttpc.3,$(MANPAGES)),)
	mkdir -p $(DESTDIR)$(MANDIR)/man3
	install -m 0644 man/libhttpc.3 $(DESTDIR)$(MANDIR)/man3/libhttpc.3
endif

ifeq ($(FUZZ_SRCS),)
fuzz:
	@echo "no fuzz targets"
else
fuzz: $(FUZZ_BINS)

tests/fuzz/core-%.o: core/%.c $(HDRS) config.mk
	$(FUZZ_CC) $(HC_CPPFLAGS) $(CPPFLAGS) $(FUZZ_CFLAGS) -c -o $@ $<

tests/fuzz/unit-%.o: tests/unit/%.c $(HDRS) $(UNIT_HDRS) config.mk
	$(FUZZ_CC) $(HC_CPPFLAGS) -Itests/unit $(CPPFLAGS) $(FUZZ_CFLAGS) \
	    -c -o $@ $<

$(FUZZ_BINS): %: %.c $(FUZZ_CORE_OBJS) $(FUZZ_HELPER_OBJS) $(HDRS) \
    $(UNIT_HDRS) $(CMD_SRCS)
	$(FUZZ_CC) $(HC_CPPFLAGS) -Itests/fuzz -Itests/unit $(CPPFLAGS) \
	    $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_CORE_OBJS) \
	    $(FUZZ_HELPER_OBJS) $(LDLIBS)

# The seed corpora are read, never written: new inputs go to a
# temporary directory (see tests/fuzz/run.sh).
fuzz-smoke: $(FUZZ_BINS)
	sh tests/fuzz/run.sh -t $(FUZZ_SMOKE_TIME) $(FUZZ_BINS)

fuzz-long: $(FUZZ_BINS)
	nice -n 19 sh tests/fuzz/run.sh -r $(FUZZ_LONG_RUNS) $(FUZZ_BINS)
endif

bench: all
	@if [ -f bench/run.sh ]; then \
		sh bench/run.sh; \
	else \
		echo "no bench/run.sh"; \
	fi

clean:
	rm -f cmd/libcmd.a core/*.o tls/*.o cmd/*.o tests/unit/*.o tests/fuzz/*.o
	rm -f libhttpc.a httpc libhttpc.pc libhttpc.pc.tmp
	rm -f $(UNIT_BINS) $(FUZZ_BINS) tests/fi/httpc-fi tests/fi/shim.o
	rm -rf tests/fi/obj

distclean: clean
	rm -f config.mk config.log
