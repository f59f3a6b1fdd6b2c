/*
 * xstate-shim.c: LD_PRELOAD shim that lets Debian 12's user-mode-linux (Linux 6.1) run on
 * hosts whose XSAVE area is larger than AVX's 832 bytes (AVX-512, AMX: any recent Xeon).
 *
 * Why: UML 6.1 saves and restores each guest thread's FPU state with
 *   ptrace(PTRACE_GETREGSET / PTRACE_SETREGSET, pid, NT_X86_XSTATE, {buf, sizeof(struct _xstate)})
 * i.e. always 832 bytes (x87 + SSE + AVX). The host kernel truncates a GETREGSET to that
 * length, but refuses a SETREGSET whose length is not the full host XSAVE size
 * (arch/x86/kernel/fpu/regset.c: xstateregs_set() returns -EFAULT). UML then prints
 *   "userspace - ptrace set fp regs failed, errno = 14"
 * and init dies with SIGSEGV ("Attempted to kill init! exitcode=0x0000000b") before it
 * runs a single instruction. Newer UML sizes the buffer from the host (host_fp_size).
 *
 * What: for NT_X86_XSTATE requests shorter than the host size, this shim
 *   - GETREGSET: reads the full host state into a buffer kept per caller buffer address
 *     (UML keeps one fp buffer per guest thread, so the address identifies the thread),
 *     and hands UML the first bytes it asked for;
 *   - SETREGSET: writes the full host size: the bytes UML gave, followed by the rest of the
 *     state last read for the same buffer address. For an address never read (a fresh
 *     thread, the exec template) the components beyond UML's bytes are put in their init
 *     state (their bits cleared in XSTATE_BV).
 * So AVX-512/AMX state survives traps, syscalls and context switches; it is not carried
 * through guest signal frames or fork (UML 6.1 does not know it exists). UmlKernel therefore
 * also tells the guest not to use AVX-512 (GLIBC_TUNABLES, -XX:UseAVX=2).
 * Every other ptrace request, and requests of the full host size, pass through unchanged:
 * on an AVX-only host the shim does nothing.
 *
 * Built by UmlKernel: cc -shared -fPIC -O2 -o target/uml/xstate-shim.so xstate-shim.c
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/types.h>
#include <sys/uio.h>

#ifndef NT_X86_XSTATE
#define NT_X86_XSTATE 0x202
#endif

#define PROBE_SIZE (64 * 1024)   /* larger than any XSAVE area the hardware defines */
#define XSTATE_BV_OFFSET 512     /* XSAVE header: XSTATE_BV, then XCOMP_BV */
#define LEGACY_AND_HEADER 576    /* x87/SSE legacy area (512) + header (64) */
#define AVX_END 832              /* + AVX YMM_Hi128 (component 2) */
#define SLOTS 16384

typedef long (*ptrace_fn)(int, pid_t, void *, void *);

static ptrace_fn real_ptrace;
static size_t host_size;               /* full XSAVE size of the host, 0 = not probed */
static unsigned char scratch[PROBE_SIZE];
static volatile int lock;

struct slot { void *key; unsigned char *state; };
static struct slot slots[SLOTS];

static void acquire(void) { while (__atomic_exchange_n(&lock, 1, __ATOMIC_ACQUIRE)) { } }
static void release(void) { __atomic_store_n(&lock, 0, __ATOMIC_RELEASE); }

static ptrace_fn next_ptrace(void) {
    if (!real_ptrace) real_ptrace = (ptrace_fn) dlsym(RTLD_NEXT, "ptrace");
    return real_ptrace;
}

/* The saved full state for a UML fp buffer address; created if create and room is left. */
static unsigned char *state_for(void *key, int create) {
    size_t i = ((uintptr_t) key >> 4) % SLOTS;
    for (size_t n = 0; n < SLOTS; n++, i = (i + 1) % SLOTS) {
        if (slots[i].key == key) return slots[i].state;
        if (slots[i].key == NULL) {
            if (!create) return NULL;
            unsigned char *state = calloc(1, host_size);
            if (!state) return NULL;
            slots[i].key = key;
            slots[i].state = state;
            return state;
        }
    }
    return NULL;
}

/* Learns the host XSAVE size from a full-length GETREGSET on a stopped tracee. */
static long probe(pid_t pid) {
    struct iovec iov = { scratch, PROBE_SIZE };
    long rc = next_ptrace()(PTRACE_GETREGSET, pid, (void *) NT_X86_XSTATE, &iov);
    if (rc == 0) host_size = iov.iov_len;
    return rc;
}

static long get_xstate(pid_t pid, struct iovec *user) {
    if (!host_size) {
        long rc = probe(pid);
        if (rc != 0) return rc;
    }
    if (user->iov_len >= host_size) {
        return next_ptrace()(PTRACE_GETREGSET, pid, (void *) NT_X86_XSTATE, user);
    }
    unsigned char *state = state_for(user->iov_base, 1);
    struct iovec full = { state ? state : scratch, host_size };
    long rc = next_ptrace()(PTRACE_GETREGSET, pid, (void *) NT_X86_XSTATE, &full);
    if (rc != 0) return rc;
    memcpy(user->iov_base, full.iov_base, user->iov_len);
    return 0;
}

static long set_xstate(pid_t pid, struct iovec *user) {
    if (!host_size) {
        long rc = probe(pid);
        if (rc != 0) return rc;
    }
    if (user->iov_len >= host_size || user->iov_len < LEGACY_AND_HEADER) {
        return next_ptrace()(PTRACE_SETREGSET, pid, (void *) NT_X86_XSTATE, user);
    }
    unsigned char *state = state_for(user->iov_base, 0);
    if (state) {
        memcpy(state, user->iov_base, user->iov_len);
    } else {
        state = scratch;
        memset(scratch, 0, host_size);
        memcpy(scratch, user->iov_base, user->iov_len);
        uint64_t bv;
        memcpy(&bv, scratch + XSTATE_BV_OFFSET, sizeof bv);
        bv &= user->iov_len >= AVX_END ? 0x7 : 0x3;   /* beyond UML's bytes: init state */
        memcpy(scratch + XSTATE_BV_OFFSET, &bv, sizeof bv);
    }
    struct iovec full = { state, host_size };
    return next_ptrace()(PTRACE_SETREGSET, pid, (void *) NT_X86_XSTATE, &full);
}

long ptrace(enum __ptrace_request request, ...) {
    va_list ap;
    va_start(ap, request);
    pid_t pid = va_arg(ap, pid_t);
    void *addr = va_arg(ap, void *);
    void *data = va_arg(ap, void *);
    va_end(ap);

    if ((request == PTRACE_GETREGSET || request == PTRACE_SETREGSET)
            && (uintptr_t) addr == NT_X86_XSTATE && data != NULL) {
        acquire();
        long rc = request == PTRACE_GETREGSET ? get_xstate(pid, data) : set_xstate(pid, data);
        int saved = errno;
        release();
        errno = saved;
        return rc;
    }
    return next_ptrace()(request, pid, addr, data);
}
