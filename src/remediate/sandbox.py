"""Confinement for the processes that run untrusted SPARQL: no network, bounded memory,
and no life after the parent.

The network is taken away with a seccomp filter that refuses socket(2) for every
address family but AF_UNIX (the pipe to the parent is made before the filter, and
multiprocessing may need a local socketpair). The engine's SERVICE and LOAD then cannot
reach anything, whatever the query text looks like: egress is off by construction, not
by recognising keywords. Linux only; on other systems the worker runs unconfined and
says so."""

from __future__ import annotations

import ctypes
import platform
import resource
import signal
import struct

# prctl options and seccomp constants (linux/prctl.h, linux/seccomp.h, linux/filter.h)
PR_SET_PDEATHSIG = 1
PR_SET_NO_NEW_PRIVS = 38
PR_SET_SECCOMP = 22
SECCOMP_MODE_FILTER = 2
SECCOMP_RET_ALLOW = 0x7FFF0000
SECCOMP_RET_ERRNO = 0x00050000
EACCES = 13
AF_UNIX = 1

BPF_LD_W_ABS = 0x20  # BPF_LD | BPF_W | BPF_ABS
BPF_JEQ_K = 0x15  # BPF_JMP | BPF_JEQ | BPF_K
BPF_RET_K = 0x06  # BPF_RET | BPF_K

# (audit arch, socket syscall number) for the machines we run on
ARCHES = {"x86_64": (0xC000003E, 41), "aarch64": (0xC00000B7, 198)}

# offsets in struct seccomp_data: nr (int), arch (u32), instruction_pointer (u64), args[6] (u64)
OFFSET_NR, OFFSET_ARCH, OFFSET_ARG0 = 0, 4, 16


class SandboxUnavailable(OSError):
    pass


def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(None, use_errno=True)


def _prctl(option: int, arg2: int = 0, arg3: int = 0) -> None:
    libc = _libc()
    libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
    if libc.prctl(option, arg2, arg3, 0, 0) != 0:
        raise SandboxUnavailable(ctypes.get_errno(), f"prctl({option}) failed")


def _filter_program(audit_arch: int, socket_nr: int) -> bytes:
    """socket(domain != AF_UNIX) -> EACCES; everything else allowed; a foreign arch is refused."""

    def op(code: int, jt: int, jf: int, k: int) -> bytes:
        return struct.pack("HBBI", code, jt, jf, k)

    return b"".join([
        op(BPF_LD_W_ABS, 0, 0, OFFSET_ARCH),
        op(BPF_JEQ_K, 1, 0, audit_arch),            # our arch: go on; else deny
        op(BPF_RET_K, 0, 0, SECCOMP_RET_ERRNO | EACCES),
        op(BPF_LD_W_ABS, 0, 0, OFFSET_NR),
        op(BPF_JEQ_K, 0, 3, socket_nr),             # not socket(): allow
        op(BPF_LD_W_ABS, 0, 0, OFFSET_ARG0),        # low 32 bits of the address family
        op(BPF_JEQ_K, 1, 0, AF_UNIX),
        op(BPF_RET_K, 0, 0, SECCOMP_RET_ERRNO | EACCES),
        op(BPF_RET_K, 0, 0, SECCOMP_RET_ALLOW),
    ])


def deny_network() -> None:
    """From now on this process (and its threads) cannot open a network socket."""
    arch = ARCHES.get(platform.machine())
    if platform.system() != "Linux" or arch is None:
        raise SandboxUnavailable(f"no seccomp filter for {platform.system()} {platform.machine()}")
    program = _filter_program(*arch)
    buffer = ctypes.create_string_buffer(program, len(program))

    class SockFprog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    fprog = SockFprog(len(program) // 8, ctypes.cast(buffer, ctypes.c_void_p))
    _prctl(PR_SET_NO_NEW_PRIVS, 1)  # required to install a filter without privileges
    _prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.addressof(fprog))


def limit_memory(megabytes: int) -> None:
    """Cap the address space: an allocation past it fails in this process only."""
    if megabytes > 0:
        limit = megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def die_with_parent() -> None:
    """Ask the kernel to kill this process when its parent dies, even mid-query."""
    if platform.system() == "Linux":
        _prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL))


def available() -> bool:
    """Whether deny_network() can work on this system."""
    return platform.system() == "Linux" and platform.machine() in ARCHES
