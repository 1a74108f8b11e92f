"""The best λ₁, λ₂ the noisy Burgers observations allow, without a network.

    benchmarks/peers/.venv/bin/python benchmarks/inverse/burgers_least_squares.py [SEED ...] [--draws N]

problems/burgers_identify_noisy.json learns λ₁, λ₂ in u_t + λ₁ u u_x = λ₂ u_xx from 2 000
observations with 1 % noise. Its initial and wall conditions are known, so for each (λ₁, λ₂)
the solution is known exactly: with w = λ₁ u, w_t + w w_x = λ₂ w_xx and w(x, 0) = −λ₁ sin(πx),
and Cole–Hopf gives u(x, t; λ₁, λ₂) = −∫ sin(π(x−η)) f(x−η) G dη / ∫ f(x−η) G dη with
f(y) = exp(−λ₁ cos(πy) / (2π λ₂)), G = exp(−η² / (4 λ₂ t)) (Gauss–Hermite, 200 nodes).
Least squares over (λ₁, λ₂) on the observations is then the maximum-likelihood estimate (the
noise is Gaussian, independent, of one variance): what any method that fits these data with
this equation should find, and what a PINN that imposes the same conditions converges to.
Its spread over draws of the noise (the Cramér–Rao bound, σ² (JᵀJ)⁻¹) says how far from the
true values the data let an honest estimate be.

The observations are drawn exactly as `data.from_reference` does (ObservationDraw.swift):
xoshiro256** seeded by SplitMix64, a partial Fisher–Yates shuffle of the 256 × 101 output grid,
then Box–Muller noise of 0.01 × std of the drawn values. SEED is `data.from_reference.seed`
(default: 1 2 3); `--draws N` also summarises seeds 1 … N.
"""
import sys

import numpy as np
from scipy.optimize import least_squares

MASK = (1 << 64) - 1
NX, NT, POINTS, NOISE = 256, 101, 2000, 0.01
NU = 0.01 / np.pi
NODES, WEIGHTS = np.polynomial.hermite.hermgauss(200)


class Xoshiro:
    """RandomGenerator.swift: xoshiro256** seeded through SplitMix64, Box–Muller pairs."""

    def __init__(self, seed):
        z, self.s = seed, []
        for _ in range(4):
            z = (z + 0x9E3779B97F4A7C15) & MASK
            x = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
            x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & MASK
            self.s.append(x ^ (x >> 31))
        self.spare = None

    def next(self):
        s0, s1, s2, s3 = self.s
        rotl = lambda x, k: ((x << k) | (x >> (64 - k))) & MASK
        result = (rotl((s1 * 5) & MASK, 7) * 9) & MASK
        t = (s1 << 17) & MASK
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 45)
        self.s = [s0, s1, s2, s3]
        return result

    def uniform(self):
        return (self.next() >> 11) * 2.0 ** -53

    def normal(self):
        if self.spare is not None:
            z, self.spare = self.spare, None
            return z
        u1 = self.uniform()
        while u1 <= 0:
            u1 = self.uniform()
        u2 = self.uniform()
        r = np.sqrt(-2 * np.log(u1))
        self.spare = r * np.sin(2 * np.pi * u2)
        return r * np.cos(2 * np.pi * u2)


def burgers(x, t, l1, l2):
    """u(x, t) of u_t + l1 u u_x = l2 u_xx, u(x, 0) = −sin(πx), by Cole–Hopf."""
    u = -np.sin(np.pi * x)
    m = t > 0
    y = x[m][:, None] - np.sqrt(4 * l2 * t[m][:, None]) * NODES[None, :]
    exponent = -l1 * np.cos(np.pi * y) / (2 * np.pi * l2)
    f = np.exp(exponent - exponent.max(axis=1, keepdims=True)) * WEIGHTS[None, :]
    u[m] = -(np.sin(np.pi * y) * f).sum(axis=1) / f.sum(axis=1)
    return u


def draw(seed):
    """The points and noisy values of `{"from_reference": {"points": 2000, "noise": 0.01, "seed": SEED}}`."""
    rng, order = Xoshiro(seed), list(range(NX * NT))
    for i in range(POINTS):
        j = i + rng.next() % (len(order) - i)
        order[i], order[j] = order[j], order[i]
    chosen = np.array(order[:POINTS])
    x = np.linspace(-1, 1, NX)[chosen % NX]
    t = np.linspace(0, 1, NT)[chosen // NX]   # the grid's rows are times (axes t, x)
    clean = burgers(x, t, 1.0, NU)
    noisy = clean + NOISE * clean.std() * np.array([rng.normal() for _ in range(POINTS)])
    return x, t, clean, noisy


def estimate(seed):
    """(λ₁, λ₂) by least squares, the relative standard deviations σ (JᵀJ)^(-1/2), and the
    rel. L2 error of u(λ̂) against the true solution on the output grid."""
    x, t, clean, noisy = draw(seed)
    fit = least_squares(lambda p: burgers(x, t, p[0], p[1] * NU) - noisy, [1.0, 1.0], x_scale=[1e-3, 1e-3],
                        diff_step=1e-6, xtol=1e-14, ftol=1e-14)
    sigma = NOISE * clean.std()
    deviations = np.sqrt(np.diag(sigma ** 2 * np.linalg.inv(fit.jac.T @ fit.jac)))
    gx, gt = np.meshgrid(np.linspace(-1, 1, NX), np.linspace(0, 1, NT))
    gx, gt = gx.ravel(), gt.ravel()
    truth = burgers(gx, gt, 1.0, NU)
    u_error = np.linalg.norm(burgers(gx, gt, fit.x[0], fit.x[1] * NU) - truth) / np.linalg.norm(truth)
    return fit.x[0], fit.x[1] * NU, deviations, u_error


def main(argv):
    draws = 0
    if "--draws" in argv:
        at = argv.index("--draws")
        draws = int(argv[at + 1])
        argv = argv[:at] + argv[at + 2:]
    seeds = [int(a) for a in argv] or [1, 2, 3]
    print("seed  λ₁ (least squares)   rel. error   λ₂ (least squares)     rel. error   σ(λ₁)/λ₁  σ(λ₂)/λ₂  u(λ̂) rel. L2")
    for seed in seeds:
        l1, l2, sd, u = estimate(seed)
        print(f"{seed:4d}  {l1:.10f}        {l1 - 1:+.3e}   {l2:.10e}   {l2 / NU - 1:+.3e}   "
              f"{sd[0]:.2e}  {sd[1]:.2e}  {u:.2e}")
    if draws:
        e = np.array([estimate(s) for s in range(1, draws + 1)], dtype=object)
        l2 = np.abs(np.array([r[1] for r in e]) / NU - 1)
        l1 = np.abs(np.array([r[0] for r in e]) - 1)
        u = np.array([r[3] for r in e])
        print(f"seeds 1…{draws}: |λ₂ error| median {np.median(l2):.2e}, rms {np.sqrt(np.mean(l2 ** 2)):.2e}, "
              f"≤ 5e-3 in {np.mean(l2 <= 5e-3):.0%} of draws; |λ₁ error| max {l1.max():.2e}; "
              f"u(λ̂) median {np.median(u):.2e}, max {u.max():.2e}")


if __name__ == "__main__":
    main(sys.argv[1:])
