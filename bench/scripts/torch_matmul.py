#!/usr/bin/env python3
"""Reference side of `bench gemm`: times torch.matmul (OpenBLAS underneath on this machine) on the
shapes the C# benchmark passes, with the same protocol (warm-up, samples of at least --min-time
seconds, median), and prints one machine-readable line per shape:

    RESULT <shape> <threads> <gflops>

Shapes come from the command line or, when none are given, one per line on stdin, each answered as
soon as it is measured (the C# benchmark keeps one such process per thread count and alternates
with its own measurements, so that both sides see the same machine load).
<shape> is echoed exactly as given: "M,N,K,tA,tB,batch" with tA/tB in {N,T}; C (M×N) = op(A)·op(B).
A transposed operand is a transposed *view* (a.t()), so BLAS runs it as a transpose flag, not a copy
— the same work our kernel does. batch > 1 runs one batched matmul over `batch` independent
problems (how PyTorch runs per-head attention). Thread count: OPENBLAS_NUM_THREADS/OMP_NUM_THREADS
are read by the libraries at load time, so the caller starts one process per thread count and also
passes --threads, which sets torch.set_num_threads.
"""
import argparse
import statistics
import sys
import time

import torch


def make_operands(M, N, K, tA, tB, batch):
    lead = (batch,) if batch > 1 else ()
    a = torch.randn(*lead, K, M) if tA == "T" else torch.randn(*lead, M, K)
    b = torch.randn(*lead, N, K) if tB == "T" else torch.randn(*lead, K, N)
    a = a.transpose(-1, -2) if tA == "T" else a
    b = b.transpose(-1, -2) if tB == "T" else b
    return a, b


def time_shape(spec, min_time, samples):
    M, N, K, tA, tB, batch = spec.split(",")
    M, N, K, batch = int(M), int(N), int(K), int(batch)
    a, b = make_operands(M, N, K, tA, tB, batch)
    out = torch.empty(*((batch,) if batch > 1 else ()), M, N)
    for _ in range(3):
        torch.matmul(a, b, out=out)
    # Calls per sample so that one sample lasts at least min_time (timer and call overhead amortised).
    calls = 1
    while True:
        start = time.perf_counter()
        for _ in range(calls):
            torch.matmul(a, b, out=out)
        if time.perf_counter() - start >= min_time:
            break
        calls *= 2
    rates = []
    for _ in range(samples):
        start = time.perf_counter()
        for _ in range(calls):
            torch.matmul(a, b, out=out)
        elapsed = time.perf_counter() - start
        rates.append(2.0 * M * N * K * batch * calls / elapsed / 1e9)
    return statistics.median(rates)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--min-time", type=float, default=0.05)
    parser.add_argument("--samples", type=int, default=7)
    parser.add_argument("shapes", nargs="*")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    print(f"INFO torch {torch.__version__}, threads {torch.get_num_threads()}", flush=True)
    specs = args.shapes if args.shapes else (line.strip() for line in sys.stdin)
    for spec in specs:
        if spec:
            print(f"RESULT {spec} {args.threads} {time_shape(spec, args.min_time, args.samples):.3f}", flush=True)


if __name__ == "__main__":
    main()
