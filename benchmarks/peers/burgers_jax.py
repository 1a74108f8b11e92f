"""JAX peer: one Burgers PINN training iteration (loss, parameter gradient,
Adam step) jit-compiled as a whole, float64 on CPU, input derivatives by nested
forward-mode jvp. Adam is written by hand to keep the dependencies to jax."""
import os

from common import LR, NU, make_problem, parse_args, run

args = parse_args("jax")
# XLA's CPU thread pool is sized from the CPUs this process may run on, so
# --threads is applied through the affinity mask, before jax is imported.
os.sched_setaffinity(0, sorted(os.sched_getaffinity(0))[: args.threads])

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402

jax.config.update("jax_enable_x64", True)
jax.config.update("jax_platforms", "cpu")


def net(params, x, t):
    """u at a batch of points; x, t of shape (N,), result (N,)."""
    h = jnp.stack([x, t], axis=1)
    for w, b in params[:-1]:
        h = jnp.tanh(h @ w + b)
    w, b = params[-1]
    return (h @ w + b)[:, 0]


def loss_fn(params, x, t, xb, tb, x0, t0):
    # u at point i depends only on (x_i, t_i), so a jvp with an all-ones
    # tangent gives every point's own derivative at once (the batch's Jacobian
    # is diagonal).
    ones = jnp.ones_like(x)
    u_of_x = lambda x_: net(params, x_, t)
    u_x_of_x = lambda x_: jax.jvp(u_of_x, (x_,), (ones,))[1]
    u, u_t = jax.jvp(lambda t_: net(params, x, t_), (t,), (ones,))
    u_x, u_xx = jax.jvp(u_x_of_x, (x,), (ones,))
    r = u_t + u * u_x - NU * u_xx
    return (jnp.mean(r ** 2) + jnp.mean(net(params, xb, tb) ** 2)
            + jnp.mean((net(params, x0, t0) + jnp.sin(jnp.pi * x0)) ** 2))


@jax.jit
def step(params, m, v, k, data):
    """Loss, gradient and Adam update (betas 0.9, 0.999, eps 1e-8, as PyTorch)."""
    loss, g = jax.value_and_grad(loss_fn)(params, *data)
    k = k + 1
    m = jax.tree_util.tree_map(lambda m_, g_: 0.9 * m_ + 0.1 * g_, m, g)
    v = jax.tree_util.tree_map(lambda v_, g_: 0.999 * v_ + 0.001 * g_ * g_, v, g)
    c1, c2 = 1 - 0.9 ** k, 1 - 0.999 ** k
    params = jax.tree_util.tree_map(
        lambda p, m_, v_: p - LR * (m_ / c1) / (jnp.sqrt(v_ / c2) + 1e-8), params, m, v)
    return params, m, v, k, loss


def main():
    weights, interior, boundary, initial = make_problem(args.config, args.seed)
    params = [(jnp.asarray(w), jnp.asarray(b)) for w, b in weights]
    data = tuple(jnp.asarray(a) for pts in (interior, boundary, initial)
                 for a in (pts[:, 0], pts[:, 1]))
    zeros = jax.tree_util.tree_map(jnp.zeros_like, params)
    state = (params, zeros, zeros, jnp.asarray(0.0))  # params, Adam m, v, step count

    def one_step():
        nonlocal state
        *state, loss = step(*state, data)
        # Wait for the asynchronously dispatched work, so it is inside the timing.
        jax.block_until_ready((state, loss))
        return float(loss)

    run(one_step, args, "jax", {"version": jax.__version__})


if __name__ == "__main__":
    main()
