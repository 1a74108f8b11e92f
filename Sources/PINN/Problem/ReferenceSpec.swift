import Foundation

/// The reference solution errors are measured against.
///
/// - `{"kind": "analytic", "fields": {"u": "exp(-alpha*pi^2*t)*sin(pi*x)"}}`: closed forms over
///   inputs and parameters, by output (outputs not listed have no reference).
/// - `{"kind": "builtin", "name": "burgers_cole_hopf"}`: a reference implemented in code,
///   reading the problem's parameters (Cole–Hopf reads `nu`).
/// - `{"kind": "spectral", "solver": "burgers", "modes": 512, "dt": 1e-4}`: a pseudo-spectral
///   solve of the same problem on a periodic box.
///
/// The fields live under `fields`, not beside `kind`, so an output may have any name.
public enum ReferenceSpec: Codable, Equatable, Sendable {
    case analytic(fields: NamedValues<ExpressionSource>)
    case builtin(Builtin)
    case spectral(SpectralReferenceSpec)

    public enum Kind: String, SpecEnum {
        case analytic, builtin, spectral
    }

    /// References implemented in code.
    public enum Builtin: String, SpecEnum {
        /// Viscous Burgers on [−1, 1] with u(x, 0) = −sin(πx), u(±1, t) = 0, by the Cole–Hopf
        /// integral with Gauss–Hermite quadrature; reads parameter `nu`.
        case burgersColeHopf = "burgers_cole_hopf"
        /// Lid-driven cavity at Re = 100: Ghia, Ghia & Shin (1982) centreline tables.
        case ghiaCavityRe100 = "ghia_cavity_re100"
    }

    public var kind: Kind {
        switch self {
        case .analytic: return .analytic
        case .builtin: return .builtin
        case .spectral: return .spectral
        }
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case kind, fields, name, solver, modes, dt
    }

    public init(from decoder: Decoder) throws {
        let probe = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try probe.decode(Kind.self, forKey: .kind)
        let allowed: [CodingKeys]
        switch kind {
        case .analytic: allowed = [.kind, .fields]
        case .builtin: allowed = [.kind, .name]
        case .spectral: allowed = [.kind, .solver, .modes, .dt]
        }
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self, allowed: allowed) { key in
            CodingKeys(rawValue: key) == nil ? "unknown key" : "key not used by reference kind '\(kind.rawValue)'"
        }
        switch kind {
        case .analytic: self = .analytic(fields: try c.decode(NamedValues<ExpressionSource>.self, forKey: .fields))
        case .builtin: self = .builtin(try c.decode(Builtin.self, forKey: .name))
        case .spectral: self = .spectral(try SpectralReferenceSpec(from: decoder))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        switch self {
        case .analytic(let fields): try c.encode(fields, forKey: .fields)
        case .builtin(let b): try c.encode(b, forKey: .name)
        case .spectral(let s):
            try c.encode(s.solver, forKey: .solver)
            try c.encodeIfPresent(s.modes, forKey: .modes)
            try c.encodeIfPresent(s.dt, forKey: .dt)
        }
    }
}

/// A pseudo-spectral reference solve (FFTW) on the problem's domain, taken as periodic.
public struct SpectralReferenceSpec: Equatable, Sendable {
    public enum Solver: String, SpecEnum {
        /// u_t + u u_x = nu u_xx (reads `nu`).
        case burgers
        /// u_t = alpha Δu (reads `alpha`).
        case heat
        /// 2-D incompressible Navier–Stokes in vorticity form (reads `nu`; periodic x, y and t,
        /// outputs u, v and optionally p, w or omega: see `VorticityReference`).
        case vorticity2D = "vorticity_2d"
    }

    public var solver: Solver
    /// Fourier modes (grid points) per spatial axis. Default: the solver's own, chosen so the
    /// reference is converged (Burgers: 4096; heat: 256 in 1-D, 128 in 2-D; vorticity_2d: 128).
    public var modes: Int?
    /// Time step (default: chosen by the solver).
    public var dt: Double?

    public init(solver: Solver, modes: Int? = nil, dt: Double? = nil) {
        self.solver = solver
        self.modes = modes
        self.dt = dt
    }

    enum CodingKeys: String, CodingKey { case solver, modes, dt }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        solver = try c.decode(Solver.self, forKey: .solver)
        modes = try c.decodeIfPresent(Int.self, forKey: .modes)
        dt = try c.decodeIfPresent(Double.self, forKey: .dt)
    }
}
