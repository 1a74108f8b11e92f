#!/usr/bin/env python3
"""How far a smoothed lid moves the cavity's centreline velocities, and how far a converged
solution is from Ghia, Ghia & Shin's (1982) table: an independent check for problems/cavity.json.

Steady Navier-Stokes at Re = 100 on the unit square in stream-function/vorticity form,
    lap(psi) = -w,   psi_y w_x - psi_x w_y = lap(w) / Re,
u = psi_y, v = -psi_x, second-order central differences on an n x n grid, Thom's wall vorticity
(w_wall = -2 (psi_inner + h U_wall) / h^2), solved by Newton's method with a sparse LU (5
iterations from rest). For each grid and each lid (the discontinuous u = 1, and
u = 1 - (2x - 1)^k for each k given), prints the largest deviation from Ghia's 17 + 17 points
(all of them grid nodes for n = 2^m + 1 >= 129), and the largest change the smoothed lid makes
on the centrelines.

Usage: python3 benchmarks/cavity-lid/fd_cavity.py [--n 129 257] [--k 8 16 32] [--save out.json]
Needs numpy and scipy. n = 257 takes about 30 s of CPU, n = 513 a few minutes and ~3 GB.
--save writes the centreline values at Ghia's points per grid and lid, to compare a PINN with.
"""
import argparse
import json

import numpy as np
import scipy.sparse as sp
import scipy.sparse.linalg as spl

RE = 100.0
# Ghia, Ghia & Shin 1982, J. Comput. Phys. 48, Tables I and II (Re = 100), as in ANCHORS.md.
GHIA_U = [(1, 1), (0.9766, 0.84123), (0.9688, 0.78871), (0.9609, 0.73722), (0.9531, 0.68717),
          (0.8516, 0.23151), (0.7344, 0.00332), (0.6172, -0.13641), (0.5, -0.20581), (0.4531, -0.21090),
          (0.2813, -0.15662), (0.1719, -0.10150), (0.1016, -0.06434), (0.0703, -0.04775),
          (0.0625, -0.04192), (0.0547, -0.03717), (0, 0)]
GHIA_V = [(1, 0), (0.9688, -0.05906), (0.9609, -0.07391), (0.9531, -0.08864), (0.9453, -0.10313),
          (0.9063, -0.16914), (0.8594, -0.22445), (0.8047, -0.24533), (0.5, 0.05454), (0.2344, 0.17527),
          (0.2266, 0.17507), (0.1563, 0.16077), (0.0938, 0.12317), (0.0781, 0.10890), (0.0703, 0.10091),
          (0.0625, 0.09233), (0, 0)]


def solve(n, lid, iterations=8):
    """psi on the n x n grid (index [j, i] = (y_j, x_i)) for the lid velocity lid(x)."""
    h = 1.0 / (n - 1)
    N = n * n
    J, I = np.meshgrid(np.arange(n), np.arange(n), indexing="ij")
    inner = (J > 0) & (J < n - 1) & (I > 0) & (I < n - 1)
    ji, ii = J[inner], I[inner]
    P = lambda j, i: j * n + i          # psi unknowns
    W = lambda j, i: N + j * n + i      # vorticity unknowns
    lid_u = lid(np.linspace(0, 1, n))
    x = np.zeros(2 * N)
    for _ in range(iterations):
        psi, w = x[:N].reshape(n, n), x[N:].reshape(n, n)
        rows, cols, vals = [], [], []

        def add(r, c, v):
            rows.append(r); cols.append(c); vals.append(np.broadcast_to(np.asarray(v, float), np.shape(r)))

        rhs = np.zeros(2 * N)
        bj, bi = J[~inner], I[~inner]
        add(P(bj, bi), P(bj, bi), 1.0)                                   # psi = 0 on the walls
        r = P(ji, ii)                                                    # lap(psi) + w = 0
        for dj, di in [(0, 1), (0, -1), (1, 0), (-1, 0)]:
            add(r, P(ji + dj, ii + di), 1 / h**2)
        add(r, P(ji, ii), -4 / h**2)
        add(r, W(ji, ii), 1.0)
        u = (psi[ji + 1, ii] - psi[ji - 1, ii]) / (2 * h)                # vorticity transport,
        v = -(psi[ji, ii + 1] - psi[ji, ii - 1]) / (2 * h)               # linear in w at fixed psi
        r = W(ji, ii)
        d = 1 / (RE * h * h)
        add(r, W(ji, ii + 1), u / (2 * h) - d); add(r, W(ji, ii - 1), -u / (2 * h) - d)
        add(r, W(ji + 1, ii), v / (2 * h) - d); add(r, W(ji - 1, ii), -v / (2 * h) - d)
        add(r, W(ji, ii), 4 * d)
        k = np.arange(1, n - 1)
        top, bottom, first, last = np.full(n - 2, n - 1), np.zeros(n - 2, int), np.ones(n - 2, int), np.full(n - 2, n - 2)
        for wj, wi, aj, ai, wall_u in [(top, k, last, k, lid_u[1:-1]), (bottom, k, first, k, 0 * k),
                                       (k, bottom, k, first, 0 * k), (k, top, k, last, 0 * k)]:
            add(W(wj, wi), W(wj, wi), 1.0)                               # Thom: w + 2 psi_in / h^2 = -2 U / h
            add(W(wj, wi), P(aj, ai), 2 / h**2)
            rhs[W(wj, wi)] = -2 * wall_u / h
        corners = np.array([W(0, 0), W(0, n - 1), W(n - 1, 0), W(n - 1, n - 1)])
        add(corners, corners, 1.0)                                       # unused by the 5-point stencils
        A = sp.csc_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(2 * N, 2 * N))
        # Newton: A(psi) x - rhs is the residual; its psi-derivative adds w_x d(u) + w_y d(v).
        wx = (w[ji, ii + 1] - w[ji, ii - 1]) / (2 * h)
        wy = (w[ji + 1, ii] - w[ji - 1, ii]) / (2 * h)
        C = sp.csc_matrix((np.concatenate([wx, -wx, -wy, wy]) / (2 * h),
                           (np.tile(r, 4), np.concatenate([P(ji + 1, ii), P(ji - 1, ii), P(ji, ii + 1), P(ji, ii - 1)]))),
                          shape=(2 * N, 2 * N))
        step = spl.spsolve((A + C).tocsc(), rhs - A @ x)
        x = x + step
        if np.abs(step[:N]).max() < 1e-13:
            break
    return x[:N].reshape(n, n)


def centrelines(n, psi, lid):
    """u at Ghia's y on x = 0.5 and v at Ghia's x on y = 0.5 (Ghia's order)."""
    h, mid = 1.0 / (n - 1), (n - 1) // 2
    node = lambda c: int(round(c * (n - 1)))
    u = [lid(np.array([0.5]))[0] if node(y) == n - 1 else 0.0 if node(y) == 0
         else (psi[node(y) + 1, mid] - psi[node(y) - 1, mid]) / (2 * h) for y, _ in GHIA_U]
    v = [0.0 if node(x) in (0, n - 1) else -(psi[mid, node(x) + 1] - psi[mid, node(x) - 1]) / (2 * h) for x, _ in GHIA_V]
    return np.array(u), np.array(v)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[129, 257])
    parser.add_argument("--k", type=int, nargs="+", default=[8, 16, 32])
    parser.add_argument("--save")
    args = parser.parse_args()
    lids = {"step": lambda x: np.where((x > 0) & (x < 1), 1.0, 0.0)}
    for k in args.k:
        lids[f"k={k}"] = lambda x, k=k: 1 - (2 * x - 1) ** k
    ghia_u, ghia_v = np.array([u for _, u in GHIA_U]), np.array([v for _, v in GHIA_V])
    saved = {}
    for n in args.n:
        values = {}
        for name, lid in lids.items():
            u, v = centrelines(n, solve(n, lid), lid)
            values[name] = (u, v)
            du, dv = np.abs(u - ghia_u), np.abs(v - ghia_v)
            print(f"n = {n}, lid {name:5s}: vs Ghia max |du| {du.max():.4f} (y = {GHIA_U[du.argmax()][0]}), "
                  f"max |dv| {dv.max():.4f} (x = {GHIA_V[dv.argmax()][0]})", flush=True)
            saved[f"{n} {name}"] = {"y": [y for y, _ in GHIA_U], "u": u.tolist(), "x": [x for x, _ in GHIA_V], "v": v.tolist()}
        us, vs = values["step"]
        for name in lids:
            if name != "step":
                u, v = values[name]
                print(f"n = {n}, lid {name:5s} - step lid at Ghia's points: max |du| {np.abs(u - us).max():.5f}, "
                      f"max |dv| {np.abs(v - vs).max():.5f}")
    if args.save:
        with open(args.save, "w") as f:
            json.dump(saved, f, indent=1)


if __name__ == "__main__":
    main()
