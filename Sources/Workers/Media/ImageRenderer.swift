/// Renders the deterministic pictures the mock image model "paints": horizontal bands of colour,
/// each with a left-to-right brightness ramp, chosen by a seed. The layout is picked so PNG's
/// filters turn almost every byte into runs, keeping even 1024x1024 images small.
public enum ImageRenderer {
    public static let maximumSide = 4096

    public static func png(seed: UInt64, width: Int, height: Int) -> [UInt8] {
        var random = SeededRandom(seed: seed)
        let rowBytes = width * 3
        var scanlines: [UInt8] = []
        scanlines.reserveCapacity(height * (rowBytes + 1))
        var row = 0
        while row < height {
            let bandHeight = min(height - row, max(1, height / 8 + random.below(max(height / 4, 1))))
            let base = (UInt8(random.below(200)), UInt8(random.below(200)), UInt8(random.below(200)))
            let step = UInt8(1 + random.below(2))
            // First row of the band: the Sub filter leaves the first pixel then a constant step.
            scanlines.append(1)
            scanlines += [base.0, base.1, base.2]
            if width > 1 { scanlines += repeatElement(step, count: (width - 1) * 3) }
            // Later rows repeat the first: the Up filter makes them all zero.
            for _ in 1..<max(bandHeight, 1) {
                scanlines.append(2)
                scanlines += repeatElement(0, count: rowBytes)
            }
            row += bandHeight
        }
        return PNGEncoder.encode(width: width, height: height, filteredScanlines: scanlines)
    }

    /// Parses `WIDTHxHEIGHT` (such as `1024x1024`); nil when malformed or out of range.
    public static func size(_ text: String) -> (width: Int, height: Int)? {
        let sides = text.split(separator: "x")
        guard sides.count == 2, let width = Int(sides[0]), let height = Int(sides[1]),
            (1...maximumSide).contains(width), (1...maximumSide).contains(height)
        else { return nil }
        return (width, height)
    }
}
