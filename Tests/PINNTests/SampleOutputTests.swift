import Foundation
import XCTest

import PINN

/// Writes sample result pairs (.h5 + .xdmf) for the ParaView check when PINNIO_SAMPLE_DIR is set:
///
///     PINNIO_SAMPLE_DIR=/tmp/pv swift test --filter SampleOutputTests
///     timeout -s KILL 120 xvfb-run -a pvpython scripts/check-paraview.py /tmp/pv/burgers.xdmf u u_reference u_error
///
/// Files: burgers (space-time grid [101, 256]), taylor_green (temporal collection with
/// copied steps), taylor_green_vds (the same with virtual-dataset steps), box (3-D grid).
final class SampleOutputTests: XCTestCase {
    func testWriteSamplesForParaView() throws {
        guard let directory = ProcessInfo.processInfo.environment["PINNIO_SAMPLE_DIR"] else {
            throw XCTSkip("set PINNIO_SAMPLE_DIR to write sample files for scripts/check-paraview.py")
        }
        let samples: [(String, FakeSolverResult, HDF5StepStorage)] = [
            ("burgers", .burgers(), .copies),
            ("taylor_green", .taylorGreen(nx: 64, ny: 32, nt: 11), .copies),
            ("taylor_green_vds", .taylorGreen(nx: 64, ny: 32, nt: 11), .virtualViews),
            ("box", .box(), .copies),
        ]
        for (name, result, storage) in samples {
            let base = URL(fileURLWithPath: directory).appendingPathComponent(name)
            let h5 = base.appendingPathExtension("h5"), xdmf = base.appendingPathExtension("xdmf")
            try AtomicOutput.write(to: [h5, xdmf]) { temporaries in
                let file = try HDF5File.create(at: temporaries[0])
                try result.write(to: file)
                let content = try XDMFContent.describing(file, name: name, axisNames: result.grid.map(\.name),
                                                         stepStorage: storage)
                try file.close()
                try XDMFWriter(heavyDataFile: h5.lastPathComponent).document(content)
                    .write(to: temporaries[1], atomically: false, encoding: .utf8)
            }
        }
    }
}
