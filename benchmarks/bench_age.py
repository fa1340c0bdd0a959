"""Benchmark of cocctl.age (run ``python benchmarks/bench_age.py``): 4 KB documents and 16 MiB throughput."""

# Every number is the median of many runs. Decryption is timed with the
# matching stanza last in the header, the slowest case.

from __future__ import annotations

import os
import statistics
import time

from cocctl import age

DOC_SIZE = 4 * 1024
BULK_SIZE = 16 * 1024 * 1024
DOC_RUNS = 2000
BULK_RUNS = 7


def median_seconds(fn, runs: int) -> float:
    """Median wall time of ``runs`` calls of ``fn``, after a few warm-up calls."""
    for _ in range(min(runs, 20)):
        fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench_document(count: int) -> None:
    document = os.urandom(DOC_SIZE)
    identities = [age.generate_identity() for _ in range(count)]
    recipients = [i.recipient for i in identities]
    encrypted = age.encrypt(document, recipients)
    last = identities[-1]
    assert age.decrypt(encrypted, last) == document
    enc = median_seconds(lambda: age.encrypt(document, recipients), DOC_RUNS)
    dec = median_seconds(lambda: age.decrypt(encrypted, last), DOC_RUNS)
    label = f"{count} recipient{'s' if count > 1 else ''}"
    print(f"4 KB document, {label:12}: encrypt {enc * 1e3:.3f} ms, decrypt {dec * 1e3:.3f} ms")


def bench_armored_document(count: int) -> None:
    # Case files are stored armored, so this is what a cocctl command pays.
    document = os.urandom(DOC_SIZE)
    identities = [age.generate_identity() for _ in range(count)]
    recipients = [i.recipient for i in identities]
    encrypted = age.encrypt(document, recipients, armor=True)
    enc = median_seconds(lambda: age.encrypt(document, recipients, armor=True), DOC_RUNS)
    dec = median_seconds(lambda: age.decrypt(encrypted, identities[-1]), DOC_RUNS)
    print(
        f"4 KB document, {count} recipients, armored: encrypt {enc * 1e3:.3f} ms, decrypt {dec * 1e3:.3f} ms"
    )


def bench_bulk(armor: bool) -> None:
    payload = os.urandom(BULK_SIZE)
    identity = age.generate_identity()
    encrypted = age.encrypt(payload, identity.recipient, armor=armor)
    assert age.decrypt(encrypted, identity) == payload
    enc = median_seconds(lambda: age.encrypt(payload, identity.recipient, armor=armor), BULK_RUNS)
    dec = median_seconds(lambda: age.decrypt(encrypted, identity), BULK_RUNS)
    mb = BULK_SIZE / 1e6
    form = "armored" if armor else "binary "
    print(f"16 MiB payload, {form}:   encrypt {mb / enc:7.0f} MB/s, decrypt {mb / dec:7.0f} MB/s")


def main() -> None:
    bench_document(1)
    bench_document(5)
    bench_armored_document(5)
    bench_bulk(armor=False)
    bench_bulk(armor=True)


if __name__ == "__main__":
    main()
