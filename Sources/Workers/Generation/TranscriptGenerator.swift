/// Writes the deterministic transcript of an audio file: about 2.5 words per second of audio,
/// split into segments of at most ten seconds with their timings.
public struct Transcript: Sendable, Hashable {
    /// One timed stretch of the transcript.
    public struct Segment: Sendable, Hashable {
        public var start: Double
        public var end: Double
        public var text: String
        public var words: [TimedWord]
    }

    /// One word and when it is spoken.
    public struct TimedWord: Sendable, Hashable {
        public var word: String
        public var start: Double
        public var end: Double
    }

    public var duration: Double
    public var segments: [Segment]

    public var text: String { segments.map(\.text).joined(separator: " ") }

    public init(duration: Double, random: inout SeededRandom) {
        self.duration = duration
        let wordCount = max(1, Int((duration * 2.5).rounded()))
        let pieces = TextGenerator.pieces(count: wordCount, &random).map { String($0.drop { $0 == " " }) }
        // Full stops are their own pieces: attach them to the preceding word.
        var words: [String] = []
        for piece in pieces {
            if piece == ".", !words.isEmpty { words[words.count - 1] += "." } else { words.append(piece) }
        }
        let perWord = duration / Double(max(words.count, 1))
        var segments: [Segment] = []
        var current: [TimedWord] = []
        for (index, word) in words.enumerated() {
            let start = Double(index) * perWord
            current.append(TimedWord(word: word, start: start, end: start + perWord))
            let segmentFull = (start + perWord) - (current.first?.start ?? 0) >= 10 || word.hasSuffix(".")
            if segmentFull || index == words.count - 1 {
                segments.append(
                    Segment(
                        start: current.first!.start, end: current.last!.end,
                        text: current.map(\.word).joined(separator: " "), words: current))
                current = []
            }
        }
        self.segments = segments
    }
}
