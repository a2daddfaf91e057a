"""Fits the coefficients of the float erf used by the GELU kernel (src/Neural/Kernels/Erf.cs).

.NET has no Math.Erf, and PyTorch's exact GELU is 0.5·x·(1 + erf(x/√2)), so the engine needs an erf
accurate to float precision. Two branches, both fitted here by least squares on Chebyshev nodes
against Python's double-precision math.erf / math.erfc:
  |x| <  CUT : erf(x) = x · P(x²)                       (P of degree 5; the Taylor series shape)
  |x| >= CUT : erf(x) = 1 − t · exp(−x² + Q(t)),  t = 1/(1 + x/2)   (Q of degree 7; the
               Chebyshev-in-t form of erfc used since Numerical Recipes, refitted here)
Prints the coefficients as C# float literals and the maximum error of a float32 evaluation
(numpy float32 arithmetic in the C# code's order of operations, but with separate multiplies and adds where the C#
code fuses them, so the C# error differs slightly: ErfTests measures it on [−6, 6]) over [0, 5].
Run: /usr/bin/python3 bench/scripts/fit_erf_coefficients.py
"""
import math
import numpy as np

CUT, SMALL_DEGREE, LARGE_DEGREE, A, XMAX = 0.75, 5, 7, 0.5, 3.95
NODES = 4000


def chebyshev_nodes(lo, hi, n=NODES):
    k = np.arange(n)
    return (np.cos(np.pi * (k + 0.5) / n) + 1) / 2 * (hi - lo) + lo


def fit():
    xs = chebyshev_nodes(0.0, CUT)
    small = np.polyfit(xs * xs, [math.erf(x) / x for x in xs], SMALL_DEGREE)
    ts = chebyshev_nodes(1 / (1 + A * XMAX), 1 / (1 + A * CUT))
    large = np.polyfit(ts, [math.log(math.erfc((1 / t - 1) / A) / t) + ((1 / t - 1) / A) ** 2 for t in ts],
                       LARGE_DEGREE)
    return small.astype(np.float32), large.astype(np.float32)  # highest degree first


def horner(coefficients, t):
    p = np.zeros_like(t)
    for c in coefficients:
        p = (p * t + c).astype(np.float32)
    return p


def erf32(x, small, large):
    ax = np.abs(x).astype(np.float32)
    u = (ax * ax).astype(np.float32)
    near = (ax * horner(small, u)).astype(np.float32)
    t = (np.float32(1) / (np.float32(1) + np.float32(A) * ax)).astype(np.float32)
    far = np.minimum(np.float32(1) - (t * np.exp((horner(large, t) - u).astype(np.float32))).astype(np.float32),
                     np.float32(1))
    return np.copysign(np.where(ax < CUT, near, far), x)


if __name__ == "__main__":
    small, large = fit()
    x = np.linspace(0, 5, 500001).astype(np.float32)
    reference = np.array([math.erf(float(v)) for v in x])
    error = np.abs(erf32(x, small, large) - reference)
    print("small (x^2 powers, highest first):", ", ".join(f"{c!r}f" for c in small.tolist()))
    print("large (t powers, highest first):  ", ", ".join(f"{c!r}f" for c in large.tolist()))
    print(f"max |error| over [0, 5] = {error.max():.3g} at x = {x[error.argmax()]:.4f}")
