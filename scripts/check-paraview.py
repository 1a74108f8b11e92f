"""Opens a pinn-solve .xdmf in ParaView (pvpython) and checks what a user would see.

Usage (absolute paths; ParaView can hang after a crash, so always under timeout):

    timeout -s KILL 120 xvfb-run -a pvpython /abs/scripts/check-paraview.py \\
        /abs/results/burgers.xdmf u u_reference u_error \\
        [--points 25856] [--dims 256x101x1] [--timesteps 11] \\
        [--reader Xdmf3ReaderS] [--screenshot /abs/out.png] [--time 0.5] [--stats]

For every time step (one for a plain grid), fetches the data and checks that each
expected array is a point-data array with one value per point, all values finite;
prints the arrays found, their ranges, the point count, dimensions and bounds.
Optional checks: --points (points per step), --dims (VTK extents, x fastest, e.g.
256x101x1), --timesteps (number of time values). --stats prints, for every time step and
expected array, one line `stats STEP TIME NAME MIN MAX MEAN` (full precision), so a caller
can check that each step shows that step's data. --screenshot saves a PNG of the
first expected array colour-mapped (at --time, default the last time step).
Exit code 0 when every check passes, 1 otherwise (each failure printed as FAIL ...).

Seen with ParaView 5.11 (Debian 12): about 1 run in 10 under xvfb-run aborts (exit 134,
"bad X server connection" or SIGABRT in vtkXOpenGLRenderWindow::CreateAWindow) before
doing anything; rerun it. Checks without --screenshot need no X server at all.
"""
import argparse
import math
import sys

from paraview import servermanager
from paraview.simple import (ColorBy, Delete, GetActiveViewOrCreate, OpenDataFile, Render, ResetCamera,
                             SaveScreenshot, Show)
import paraview.simple as pvs

try:
    from vtkmodules.util.numpy_support import vtk_to_numpy
    import numpy as np
except ImportError:  # numpy is optional; fall back to a slow loop
    vtk_to_numpy = None
    np = None


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("xdmf", help="absolute path of the .xdmf file")
    parser.add_argument("arrays", nargs="+", help="point-data array names that must exist")
    parser.add_argument("--points", type=int, help="expected number of points per time step")
    parser.add_argument("--dims", help="expected VTK dimensions, x fastest, e.g. 256x101x1")
    parser.add_argument("--timesteps", type=int, help="expected number of time values")
    parser.add_argument("--reader", help="reader proxy to use (default: ParaView's choice for .xdmf), "
                                         "e.g. Xdmf3ReaderS, Xdmf3ReaderT, XDMFReader")
    parser.add_argument("--stats", action="store_true",
                        help="print `stats STEP TIME NAME MIN MAX MEAN` for every step and expected array")
    parser.add_argument("--screenshot", help="save a PNG of the first array here")
    parser.add_argument("--time", type=float, help="time value for the screenshot (default: last)")
    return parser.parse_args()


failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print("FAIL " + message)
    return condition


def leaves(data):
    """The non-composite datasets inside `data` (itself when it is not composite)."""
    if data is None:
        return []
    if data.IsA("vtkCompositeDataSet"):
        found = []
        iterator = data.NewIterator()
        iterator.InitTraversal()
        while not iterator.IsDoneWithTraversal():
            found.append(iterator.GetCurrentDataObject())
            iterator.GoToNextItem()
        return found
    return [data]


def output_of(proxy):
    """The reader's output as a VTK object. In pvpython's built-in session this is the
    pipeline's own object; servermanager.Fetch is only the fallback (for a remote server),
    because in ParaView 5.11 it returns a rectilinear grid with garbled coordinates."""
    try:
        return proxy.GetClientSideObject().GetOutputDataObject(0)
    except AttributeError:
        return servermanager.Fetch(proxy)


def finite_range(array):
    """(all finite, (min, max), mean) of a one-component array."""
    if vtk_to_numpy is not None:
        values = vtk_to_numpy(array)
        return bool(np.isfinite(values).all()), (float(np.min(values)), float(np.max(values))), float(np.mean(values))
    values = [array.GetComponent(i, 0) for i in range(array.GetNumberOfTuples())]
    return all(math.isfinite(v) for v in values), (min(values), max(values)), math.fsum(values) / len(values)


def main():
    args = parse_arguments()
    if args.reader:
        reader = getattr(pvs, args.reader)(FileName=args.xdmf) if args.reader.startswith("Xdmf3") \
            else getattr(pvs, args.reader)(FileNames=[args.xdmf])
    else:
        reader = OpenDataFile(args.xdmf)
    if not check(reader is not None, f"no reader could open {args.xdmf}"):
        return 1
    print(f"reader: {reader.GetXMLName()}")
    reader.UpdatePipelineInformation()
    times = list(reader.TimestepValues) if hasattr(reader, "TimestepValues") else []
    if isinstance(times, float):
        times = [times]
    print(f"time steps: {len(times)}" + (f" ({times[0]} .. {times[-1]})" if times else ""))
    if args.timesteps is not None:
        check(len(times) == args.timesteps, f"expected {args.timesteps} time steps, found {len(times)}")
    if hasattr(reader, "PointArrayStatus"):
        print(f"reader point arrays: {list(reader.PointArrayStatus)}")

    for index, time in enumerate(times or [None]):
        # The proxy's own method: paraview.simple.UpdatePipeline drops time=0.0 (it tests
        # `if time:`), and without a time the XDMF 3 readers return an empty first step.
        if time is None:
            reader.UpdatePipeline()
        else:
            reader.UpdatePipeline(time)
        blocks = leaves(output_of(reader))
        label = "" if time is None else f"t={time}: "
        if not check(len(blocks) >= 1, f"{label}no data"):
            continue
        for block in blocks:
            if time is not None:
                produced = block.GetInformation().Get(block.DATA_TIME_STEP())
                check(produced is not None and abs(produced - time) <= 1e-12 * max(1.0, abs(time)),
                      f"{label}the reader produced time {produced} instead")
            points = block.GetNumberOfPoints()
            names = [block.GetPointData().GetArrayName(i) for i in range(block.GetPointData().GetNumberOfArrays())]
            verbose = index in (0, len(times) - 1) or time is None
            if verbose:
                dims = block.GetDimensions() if hasattr(block, "GetDimensions") else None
                print(f"{label}{block.GetClassName()} points={points} dims={dims} "
                      f"bounds={tuple(round(b, 6) for b in block.GetBounds())}")
                print(f"{label}point arrays: {names}")
            if args.points is not None:
                check(points == args.points, f"{label}expected {args.points} points, found {points}")
            if args.dims is not None and hasattr(block, "GetDimensions"):
                expected = tuple(int(d) for d in args.dims.lower().split("x"))
                check(tuple(block.GetDimensions()) == expected,
                      f"{label}expected dims {expected}, found {tuple(block.GetDimensions())}")
            for name in args.arrays:
                array = block.GetPointData().GetArray(name)
                if not check(array is not None, f"{label}array '{name}' missing (found {names})"):
                    continue
                check(array.GetNumberOfTuples() == points,
                      f"{label}'{name}' has {array.GetNumberOfTuples()} values for {points} points")
                finite, (low, high), mean = finite_range(array)
                check(finite, f"{label}'{name}' has non-finite values")
                if verbose:
                    print(f"{label}  {name}: range [{low:.6g}, {high:.6g}]")
                if args.stats:
                    print(f"stats {index} {time if time is not None else 'none'} {name} {low!r} {high!r} {mean!r}")

    if args.screenshot:
        view = GetActiveViewOrCreate("RenderView")
        view.ViewSize = [900, 600]
        shot_time = args.time if args.time is not None else (times[-1] if times else None)
        if shot_time is not None:
            view.ViewTime = shot_time
        display = Show(reader, view)
        ColorBy(display, ("POINTS", args.arrays[0]))
        display.RescaleTransferFunctionToDataRange(True, False)
        display.SetScalarBarVisibility(view, True)
        view.OrientationAxesVisibility = 1
        view.InteractionMode = "2D"
        view.CameraPosition = [0, 0, 10]
        view.CameraFocalPoint = [0, 0, 0]
        view.CameraViewUp = [0, 1, 0]
        ResetCamera(view)
        Render(view)
        SaveScreenshot(args.screenshot, view, ImageResolution=[900, 600])
        # Tear the view down here: left to interpreter exit, its GLX context is destroyed
        # after the X connection and Xvfb reports GLXBadContext (exit code 1).
        Delete(display)
        Delete(view)
        del display, view
        print(f"screenshot: {args.screenshot} ('{args.arrays[0]}'" +
              (f" at t={shot_time})" if shot_time is not None else ")"))

    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
