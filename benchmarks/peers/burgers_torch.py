"""PyTorch peer: one Burgers PINN training iteration (loss, parameter gradient,
Adam step), float64 on CPU, input derivatives by nested reverse-mode autograd
(the usual PyTorch PINN recipe, as DeepXDE does it)."""
import torch

from common import LR, NU, make_problem, parse_args, run


def main():
    args = parse_args("pytorch")
    torch.set_num_threads(args.threads)
    torch.set_default_dtype(torch.float64)

    weights, interior, boundary, initial = make_problem(args.config, args.seed)
    params = [torch.tensor(a, requires_grad=True) for layer in weights for a in layer]
    # Interior coordinates are leaves that require grad so u_x, u_t can be taken.
    x = torch.tensor(interior[:, :1], requires_grad=True)
    t = torch.tensor(interior[:, 1:], requires_grad=True)
    xb = torch.tensor(boundary)
    x0 = torch.tensor(initial)
    u0 = -torch.sin(torch.pi * x0[:, :1])

    def net(inp):
        h = inp
        for i in range(0, len(params) - 2, 2):
            h = torch.tanh(torch.addmm(params[i + 1], h, params[i]))
        return torch.addmm(params[-1], h, params[-2])

    def loss_fn():
        u = net(torch.cat([x, t], dim=1))
        ones = torch.ones_like(u)
        # create_graph=True: u_x is differentiated again and the residual is
        # differentiated w.r.t. the parameters.
        u_x, u_t = torch.autograd.grad(u, (x, t), ones, create_graph=True)
        (u_xx,) = torch.autograd.grad(u_x, x, ones, create_graph=True)
        r = u_t + u * u_x - NU * u_xx
        return (r ** 2).mean() + (net(xb) ** 2).mean() + ((net(x0) - u0) ** 2).mean()

    opt = torch.optim.Adam(params, lr=LR)  # defaults betas (0.9, 0.999), eps 1e-8

    def step():
        opt.zero_grad(set_to_none=True)
        loss = loss_fn()
        loss.backward()
        opt.step()
        return loss.item()

    run(step, args, "pytorch", {"version": torch.__version__})


if __name__ == "__main__":
    main()
