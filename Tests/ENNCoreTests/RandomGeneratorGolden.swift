/// Computed by an independent Python implementation (see FoundationTests).
enum RandomGeneratorGolden {
    static let seed42: [UInt64] = [1546998764402558742, 6990951692964543102, 12544586762248559009]
}
