import Foundation

/// Writes XDMF 3 documents (XML light data) that point at arrays in an HDF5 file.
///
/// Format: xdmf.org "XDMF Model and Format" (XDMF 3). Conventions used here:
/// - `Dimensions` lists extents slowest first, like the HDF5 shape: "ny nx", "nz ny nx".
/// - A 2-D rectilinear grid is `TopologyType="2DRectMesh"` with `GeometryType="VXVY"`,
///   whose DataItems are the X (fastest axis) coordinates first, then Y; 3-D is
///   `3DRectMesh` with `VXVYVZ` (X, Y, Z).
/// - Heavy data are referenced as `FILE.h5:/path`, the file name relative to the
///   .xdmf, so the pair can be moved together.
/// - Attributes are node-centred scalars. Time series use one dataset per step
///   (ParaView 5.11's XDMF 3 reader drops HyperSlab-addressed arrays).
public struct XDMFWriter: Sendable {
    /// The HDF5 file name as written in DataItems, relative to the .xdmf file ("burgers.h5").
    public var heavyDataFile: String

    public init(heavyDataFile: String) {
        self.heavyDataFile = heavyDataFile
    }

    /// The XML text for `content`.
    public func document(_ content: XDMFContent) -> String {
        switch content {
        case .grid(let grid): return document(grid)
        case .temporal(let series): return document(series)
        }
    }

    /// The XML text of a file holding one rectilinear grid.
    public func document(_ grid: XDMFRectilinearGrid) -> String {
        var xml = XMLText()
        header(&xml)
        uniformGrid(&xml, name: grid.name, time: nil, axes: grid.axes,
                    attributes: grid.attributes.map { ($0.name, $0.dataset) })
        footer(&xml)
        return xml.text
    }

    /// The XML text of a temporal collection: one grid per time, arrays from per-step datasets.
    public func document(_ series: XDMFTemporalCollection) -> String {
        var xml = XMLText()
        header(&xml)
        xml.open("Grid", ["Name": series.name, "GridType": "Collection", "CollectionType": "Temporal"])
        for (step, time) in series.times.enumerated() {
            uniformGrid(&xml, name: "\(series.name)_\(step)", time: time, axes: series.axes,
                        attributes: series.attributes.map { ($0.name, $0.stepDatasets[step]) })
        }
        xml.close("Grid")
        footer(&xml)
        return xml.text
    }

    // MARK: - Pieces

    private func header(_ xml: inout XMLText) {
        xml.line("<?xml version=\"1.0\" encoding=\"utf-8\"?>")
        xml.line("<!DOCTYPE Xdmf SYSTEM \"Xdmf.dtd\" []>")
        xml.open("Xdmf", ["Version": "3.0", "xmlns:xi": "http://www.w3.org/2001/XInclude"])
        xml.open("Domain", [:])
    }

    private func footer(_ xml: inout XMLText) {
        xml.close("Domain")
        xml.close("Xdmf")
    }

    /// A uniform rectilinear grid; `axes` slowest first.
    private func uniformGrid(_ xml: inout XMLText, name: String, time: Double?, axes: [XDMFAxis],
                             attributes: [(name: String, dataset: String)]) {
        let shape = axes.map(\.count)
        xml.open("Grid", ["Name": name, "GridType": "Uniform"])
        if let time { xml.empty("Time", ["Value": XDMFWriter.number(time)]) }
        if axes.count == 3 {
            xml.empty("Topology", ["TopologyType": "3DRectMesh", "Dimensions": XDMFWriter.dimensions(shape)])
            xml.open("Geometry", ["GeometryType": "VXVYVZ"])
            for axis in axes.reversed() { heavyItem(&xml, axis.dataset, [axis.count]) }
        } else {
            // One axis: a 2-D grid one point high, its Y coordinate given inline.
            let meshShape = axes.count == 2 ? shape : [1] + shape
            xml.empty("Topology", ["TopologyType": "2DRectMesh", "Dimensions": XDMFWriter.dimensions(meshShape)])
            xml.open("Geometry", ["GeometryType": "VXVY"])
            for axis in axes.reversed() { heavyItem(&xml, axis.dataset, [axis.count]) }
            if axes.count == 1 {
                xml.element("DataItem", ["Dimensions": "1", "NumberType": "Float", "Precision": "8", "Format": "XML"],
                            text: "0")
            }
        }
        xml.close("Geometry")
        for attribute in attributes {
            xml.open("Attribute", ["Name": attribute.name, "AttributeType": "Scalar", "Center": "Node"])
            heavyItem(&xml, attribute.dataset, shape)
            xml.close("Attribute")
        }
        xml.close("Grid")
    }

    /// A float64 DataItem read from the HDF5 file.
    private func heavyItem(_ xml: inout XMLText, _ dataset: String, _ shape: [Int]) {
        // On one line: readers take the text as the path, so no surrounding whitespace.
        xml.element("DataItem", ["Dimensions": XDMFWriter.dimensions(shape), "NumberType": "Float",
                                 "Precision": "8", "Format": "HDF"],
                    text: "\(heavyDataFile):\(HDF5File.normalize(dataset))")
    }

    /// "101 256" for [101, 256].
    static func dimensions(_ shape: [Int]) -> String {
        shape.map(String.init).joined(separator: " ")
    }

    /// A round-tripping decimal for a time value ("0.25", "1e-05").
    static func number(_ x: Double) -> String {
        precondition(x.isFinite, "XDMFWriter: time value must be finite, got \(x)")
        return "\(x)"
    }
}

/// A tiny indenting XML builder with attribute escaping and a stable attribute order.
struct XMLText {
    private(set) var text = ""
    private var depth = 0
    /// Attribute names written first, in this order; others follow alphabetically.
    private static let order = ["Name", "Version", "GridType", "CollectionType", "TopologyType", "GeometryType",
                                "AttributeType", "Center", "Value", "Dimensions", "NumberType", "Precision", "Format"]

    mutating func line(_ content: String) {
        text += String(repeating: "  ", count: depth) + content + "\n"
    }

    mutating func open(_ tag: String, _ attributes: [String: String]) {
        line("<\(tag)\(XMLText.render(attributes))>")
        depth += 1
    }

    mutating func empty(_ tag: String, _ attributes: [String: String]) {
        line("<\(tag)\(XMLText.render(attributes))/>")
    }

    /// `<tag attributes>text</tag>` on one line, the text escaped.
    mutating func element(_ tag: String, _ attributes: [String: String], text: String) {
        line("<\(tag)\(XMLText.render(attributes))>\(XMLText.escape(text))</\(tag)>")
    }

    mutating func close(_ tag: String) {
        depth -= 1
        line("</\(tag)>")
    }

    static func render(_ attributes: [String: String]) -> String {
        let keys = attributes.keys.sorted { a, b in
            let ia = order.firstIndex(of: a) ?? order.count, ib = order.firstIndex(of: b) ?? order.count
            return ia != ib ? ia < ib : a < b
        }
        return keys.map { " \($0)=\"\(escape(attributes[$0]!))\"" }.joined()
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(c)
            }
        }
        return out
    }
}
