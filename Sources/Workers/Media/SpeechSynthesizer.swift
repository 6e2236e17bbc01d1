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

    /// How long the speech for `text` lasts, in seconds, computed without synthesizing it.
    public func duration(for text: String, seed: UInt64) -> Double {
        let pause = Double(Int(0.06 / speed * Double(Self.sampleRate)))
        return words(in: text).reduce(0) { total, hash in
            var random = SeededRandom(seed: hash ^ seed)
            return total + (Double(Int(Self.wordSeconds(&random, speed: speed) * Double(Self.sampleRate))) + pause)
        } / Double(Self.sampleRate)
    }

    /// The audio for `text`; `stop` is asked before each word, and ends the audio early when true.
    public func samples(for text: String, seed: UInt64, stop: () -> Bool = { false }) -> [Int16] {
        let words = words(in: text)
        let rate = Double(Self.sampleRate)
        let voiceBase = 110 + Double(SeededRandom.seed([voice]) % 120)
        var samples: [Int16] = []
        samples.reserveCapacity(words.count * Int(rate * 0.35 / speed))
        for hash in words {
            if stop() { break }
            var random = SeededRandom(seed: hash ^ seed)
            let count = Int(Self.wordSeconds(&random, speed: speed) * rate)
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

    private func words(in text: String) -> [UInt64] {
        let words = WordTokens.hashes(text)
        return words.isEmpty ? [WordTokens.hash(ArraySlice(text.utf8))] : words
    }

    /// How long one word is voiced: the first draw of its random stream.
    private static func wordSeconds(_ random: inout SeededRandom, speed: Double) -> Double {
        (0.18 + random.unit() * 0.22) / speed
    }
}
