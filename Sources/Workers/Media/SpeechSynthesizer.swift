import Foundation

/// Produces deterministic speech-like audio for text: one voiced burst per word (a pitch that
/// glides, with harmonics and a soft envelope) and short pauses between words, so the result has
/// the rhythm of speech and a length proportional to the text.
public struct SpeechSynthesizer: Sendable {
    /// OpenAI's `pcm` format is 24 kHz, 16-bit, mono; WAV output uses the same.
    public static let sampleRate = 24_000

    public var voice: String
    /// Playback speed, 0.25 to 4; 2 halves the duration.
    public var speed: Double

    public init(voice: String, speed: Double = 1) {
        self.voice = voice
        self.speed = min(max(speed, 0.25), 4)
    }

    public func samples(for text: String, seed: UInt64) -> [Int16] {
        var words = WordTokens.hashes(text)
        if words.isEmpty { words = [WordTokens.hash(ArraySlice(text.utf8))] }
        let rate = Double(Self.sampleRate)
        let voiceBase = 110 + Double(SeededRandom.seed([voice]) % 120)
        var samples: [Int16] = []
        samples.reserveCapacity(words.count * Int(rate * 0.35 / speed))
        for hash in words {
            var random = SeededRandom(seed: hash ^ seed)
            let seconds = (0.18 + random.unit() * 0.22) / speed
            let count = Int(seconds * rate)
            let start = voiceBase * (0.9 + random.unit() * 0.3)
            let end = start * (0.85 + random.unit() * 0.3)
            var phase = 0.0
            for index in 0..<count {
                let progress = Double(index) / Double(max(count, 1))
                let frequency = start + (end - start) * progress
                phase += 2 * Double.pi * frequency / rate
                let envelope = sin(Double.pi * progress)
                let value = (0.6 * sin(phase) + 0.25 * sin(2 * phase) + 0.1 * sin(3 * phase)) * envelope
                samples.append(Int16(value * 12_000))
            }
            samples += repeatElement(0, count: Int(0.06 / speed * rate))
        }
        return samples
    }
}
