import ENNCore
import Foundation

/// /progress: where the stage in progress stood. Attribute `kind` (adam, lbfgs, bfgs, lm);
///   adam: attributes iteration, step, last_good_loss; datasets m, v, previous_theta.
///   lbfgs, bfgs: attributes segment_start, evaluations_left; /progress/best; the loop's
///     x, g and attributes f, iteration, evaluations, small_changes; lbfgs adds s, y [k, P]
///     and rho; bfgs adds attributes skipped, restarts, skipped_before, restarts_before and
///     /progress/inverse_hessian [P, P] (M as stored, attributes sigma, is_initial,
///     restart_scale, update_count).
///   lm: attributes segment_start, iteration, damping, growth; /progress/best.
/// /progress/best: dataset theta (empty before any), attributes loss, iteration.
extension CheckpointFile {
    static func writeProgress(_ progress: StageProgress, into file: HDF5File) throws {
        let p = "/progress"
        try file.createGroup(p)
        func set(_ name: String, _ value: HDF5AttributeValue, on path: String = p) throws { try file.setAttribute(name, value, on: path) }
        func writeBest(_ best: BestIterateState) throws {
            try file.writeDataset(p + "/best/theta", doubles: best.theta)
            try set("loss", .double(best.loss), on: p + "/best")
            try set("iteration", .int(best.iteration), on: p + "/best")
        }
        switch progress {
        case .adam(let a):
            try set("kind", .string("adam"))
            try set("iteration", .int(a.iteration))
            try set("step", .int(a.adam.step))
            try set("last_good_loss", .double(a.lastGoodLoss))
            try file.writeDataset(p + "/m", doubles: a.adam.m)
            try file.writeDataset(p + "/v", doubles: a.adam.v)
            try file.writeDataset(p + "/previous_theta", doubles: a.previousTheta)
        case .quasiNewton(let q):
            try set("segment_start", .int(q.segmentStart))
            try set("evaluations_left", .int(q.evaluationsLeft))
            try writeBest(q.best)
            func writeLoop(x: [Double], f: Double, g: [Double], iteration: Int, evaluations: Int, smallChanges: Int) throws {
                try file.writeDataset(p + "/x", doubles: x)
                try file.writeDataset(p + "/g", doubles: g)
                try set("f", .double(f))
                try set("iteration", .int(iteration))
                try set("evaluations", .int(evaluations))
                try set("small_changes", .int(smallChanges))
            }
            switch q.optimizer {
            case .lbfgs(let o):
                try set("kind", .string("lbfgs"))
                try writeLoop(x: o.x, f: o.f, g: o.g, iteration: o.iteration, evaluations: o.evaluations, smallChanges: o.smallChanges)
                try writeRows(file, p + "/s", o.s, width: o.x.count)
                try writeRows(file, p + "/y", o.y, width: o.x.count)
                try file.writeDataset(p + "/rho", doubles: o.rho)
            case .bfgs(let o, let h, let skippedBefore, let restartsBefore):
                try set("kind", .string("bfgs"))
                try writeLoop(x: o.x, f: o.f, g: o.g, iteration: o.iteration, evaluations: o.evaluations, smallChanges: o.smallChanges)
                try set("skipped", .int(o.skipped))
                try set("restarts", .int(o.restarts))
                try set("skipped_before", .int(skippedBefore))
                try set("restarts_before", .int(restartsBefore))
                let hp = p + "/inverse_hessian"
                try file.writeDataset(hp, doubles: h.storage, shape: [o.x.count, o.x.count])
                try set("sigma", .double(h.sigma), on: hp)
                try set("is_initial", .int(h.isInitial ? 1 : 0), on: hp)
                try set("restart_scale", .double(h.restartScale), on: hp)
                try set("update_count", .int(h.updateCount), on: hp)
            }
        case .lm(let l):
            try set("kind", .string("lm"))
            try set("segment_start", .int(l.segmentStart))
            try set("iteration", .int(l.iteration))
            try set("damping", .double(l.damping.damping))
            try set("growth", .double(l.damping.growth))
            try writeBest(l.best)
        }
    }

    static func readProgress(_ file: HDF5File) throws -> StageProgress? {
        let p = "/progress"
        guard try file.exists(p) else { return nil }
        func int(_ name: String, on path: String = p) throws -> Int { try file.intAttribute(name, on: path) }
        func double(_ name: String, on path: String = p) throws -> Double { try file.doubleAttribute(name, on: path) }
        func doubles(_ path: String) throws -> [Double] { try file.readDoubles(p + "/" + path).values }
        func best() throws -> BestIterateState {
            BestIterateState(loss: try double("loss", on: p + "/best"), theta: try doubles("best/theta"),
                             iteration: try int("iteration", on: p + "/best"))
        }
        let kind = try file.stringAttribute("kind", on: p)
        switch kind {
        case "adam":
            return .adam(AdamProgress(iteration: try int("iteration"),
                                      adam: Adam.State(step: try int("step"), m: try doubles("m"), v: try doubles("v")),
                                      previousTheta: try doubles("previous_theta"), lastGoodLoss: try double("last_good_loss")))
        case "lbfgs", "bfgs":
            let x = try doubles("x"), g = try doubles("g")
            let optimizer: QuasiNewtonOptimizerState
            if kind == "lbfgs" {
                optimizer = .lbfgs(LBFGS.State(x: x, f: try double("f"), g: g, s: try readRows(file, p + "/s"),
                                               y: try readRows(file, p + "/y"), rho: try doubles("rho"),
                                               iteration: try int("iteration"), evaluations: try int("evaluations"),
                                               smallChanges: try int("small_changes")))
            } else {
                let hp = p + "/inverse_hessian"
                let h = DenseInverseHessian.Snapshot(storage: try file.readDoubles(hp).values, sigma: try double("sigma", on: hp),
                                                     isInitial: try int("is_initial", on: hp) != 0,
                                                     restartScale: try double("restart_scale", on: hp),
                                                     updateCount: try int("update_count", on: hp))
                let state = DenseBFGS.State(x: x, f: try double("f"), g: g, iteration: try int("iteration"),
                                            evaluations: try int("evaluations"), smallChanges: try int("small_changes"),
                                            skipped: try int("skipped"), restarts: try int("restarts"))
                optimizer = .bfgs(state, h, skippedBefore: try int("skipped_before"), restartsBefore: try int("restarts_before"))
            }
            return .quasiNewton(QuasiNewtonProgress(segmentStart: try int("segment_start"),
                                                    evaluationsLeft: try int("evaluations_left"), best: try best(),
                                                    optimizer: optimizer))
        case "lm":
            return .lm(LMProgress(segmentStart: try int("segment_start"), iteration: try int("iteration"),
                                  damping: LevenbergMarquardt.State(damping: try double("damping"), growth: try double("growth")),
                                  best: try best()))
        default:
            throw Failure(message: "\(file.path): unknown stage kind '\(kind)' in /progress")
        }
    }
}
