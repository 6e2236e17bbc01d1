import ConformContract
import ConformJSON
import HTTPTypes
import HTTPWire
import Testing
import Workers

@Suite("Deterministic generators")
struct GeneratorTests {
    @Test("Token counts add up across whitespace and count words, punctuation and non-ASCII characters")
    func tokenCounts() {
        #expect(TokenCounter.count("Hello!") == 3)
        #expect(TokenCounter.count("a b") == TokenCounter.count("a") + TokenCounter.count("b"))
        #expect(TokenCounter.count("Ailuropoda") == 3)
        #expect(TokenCounter.count("熊猫") == 2)
        #expect(TokenCounter.count("  \n\t") == 0)
    }

    @Test("Every generated piece is exactly one token, so stream deltas and usage agree")
    func piecesAreTokens() {
        var random = SeededRandom(seed: 42)
        let pieces = TextGenerator.pieces(count: 200, &random)
        #expect(pieces.allSatisfy { TokenCounter.count($0) == 1 })
        #expect(TokenCounter.count(pieces.joined()) == 200)
    }

    @Test("A stop sequence cuts the reply before it")
    func stopSequence() {
        var random = SeededRandom(seed: 1)
        let full = GeneratedReply(random: &random, maxTokens: nil, stop: [])
        let word = full.pieces[3]
        var again = SeededRandom(seed: 1)
        let cut = GeneratedReply(random: &again, maxTokens: nil, stop: [word])
        #expect(!cut.text.contains(word))
        #expect(full.text.hasPrefix(cut.text))
        #expect(cut.finishReason == .stop)
    }

    @Test("BM25 relevance orders the documented panda example 2, 1, 0 by content")
    func rerankOrder() {
        let scores = RerankScorer().scores(
            query: "What is a panda?",
            documents: ["hi", "it is a bear", "The giant panda (Ailuropoda melanoleuca), sometimes called a panda bear or simply panda, is a bear species endemic to China."])
        #expect(scores[2] > scores[1] && scores[1] > scores[0])
        #expect(scores[0] == RerankScorer().floor)
    }

    @Test("Relevance scores are the same bits on every call, however many query words a document shares")
    func rerankDeterminism() {
        let query = "alpha beta gamma delta epsilon zeta eta theta"
        let documents = [
            "alpha beta beta gamma gamma gamma delta epsilon zeta eta theta theta", "alpha", "beta gamma",
            "zeta eta theta iota kappa", "alpha alpha beta gamma delta epsilon lambda mu nu",
        ]
        let first = RerankScorer().scores(query: query, documents: documents)
        for _ in 0..<200 {
            #expect(RerankScorer().scores(query: query, documents: documents).map(\.bitPattern) == first.map(\.bitPattern))
        }
        #expect(first[0] == first.max() && first[1] > RerankScorer().floor)
        #expect(RerankScorer().scores(query: "", documents: documents) == Array(repeating: RerankScorer().floor, count: documents.count))
        #expect(RerankScorer().scores(query: query, documents: []).isEmpty)
    }

    @Test("Words are lowercased runs of ASCII letters and digits and single non-ASCII characters")
    func wordHashes() {
        func hash(_ word: String) -> UInt64 { WordTokens.hash(ArraySlice(word.utf8)) }
        #expect(WordTokens.hashes("Hello, WORLD-42 熊猫!") == [hash("hello"), hash("world"), hash("42"), hash("熊"), hash("猫")])
        #expect(WordTokens.hashes("  \t") == [])
        #expect(WordTokens.hashes("é") == [hash("é")])
        #expect(hash("a") == 0xAF63_DC4C_8601_EC8C)
    }

    @Test("Embeddings are unit vectors; shared words make texts closer; shortening renormalizes")
    func embeddings() {
        let generator = EmbeddingGenerator(model: "m", dimensions: 64, seed: 0)
        let panda = generator.vector(for: "the giant panda")
        let bear = generator.vector(for: "a panda bear")
        let code = generator.vector(for: "compile swift code")
        func dot(_ a: [Float], _ b: [Float]) -> Float { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }
        #expect(abs(dot(panda, panda) - 1) < 1e-5)
        #expect(dot(panda, bear) > dot(panda, code))
        let short = EmbeddingGenerator.shortened(panda, to: 16)
        #expect(short.count == 16 && abs(dot(short, short) - 1) < 1e-5)
        #expect(generator.vector(for: "the giant panda") == panda)
    }

    @Test("PNGs have the signature, IHDR with the size, chunk CRCs and a zlib stream with its Adler-32")
    func pngStructure() {
        let png = ImageRenderer.png(seed: 3, width: 20, height: 10)
        #expect(png.starts(with: PNGEncoder.signature))
        #expect(ImageProbe(png)?.width == 20 && ImageProbe(png)?.height == 10)
        var offset = 8
        var types: [String] = []
        while offset + 12 <= png.count {
            let length = Int(png[offset..<offset + 4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
            let typeAndData = png[offset + 4..<offset + 8 + length]
            let stored = png[offset + 8 + length..<offset + 12 + length].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            #expect(Checksums.crc32(typeAndData) == stored)
            types.append(String(decoding: typeAndData.prefix(4), as: UTF8.self))
            offset += 12 + length
        }
        #expect(types == ["IHDR", "IDAT", "IEND"])
        let zlib = RunLengthDeflate.zlibCompress(Array(repeating: 7, count: 1000))
        #expect(zlib.count < 40)
        // Adler-32 of 1000 sevens, as Python's zlib.adler32 computes it.
        #expect(Array(zlib.suffix(4)) == [0x7C, 0x8F, 0x1B, 0x59])
        #expect(Checksums.adler32(Array("Wikipedia".utf8)) == 0x11E6_0398)
        #expect(Checksums.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
    }

    @Test("WAV headers describe their data; durations are read back")
    func wav() throws {
        let samples = [Int16](repeating: 5, count: 48_000)
        let wav = WAVEncoder.wav(samples, sampleRate: 24_000)
        #expect(wav.count == 44 + 96_000)
        #expect(AudioProbe.littleEndian(wav, at: 4) == UInt32(wav.count - 8))
        #expect(try AudioProbe(wav).duration == 2)
        #expect(throws: AudioProbe.Failure.self) { try AudioProbe(Array("RIFF0000WAVEjunk".utf8)) }
        #expect(throws: AudioProbe.Failure.self) { try AudioProbe(Array("hello".utf8)) }
    }

    @Test("The engine answers another model's name with 404 and a bad field with 400, as vLLM does")
    func engineErrors() async throws {
        let worker = DeterministicWorker(profile: EngineModelProfile(name: "m", capabilities: [.chat]))
        let other = try await worker.respond(to: WorkerRequest(path: EnginePath.chatCompletions, body: .json(["model": "x", "messages": [["role": "user", "content": "hi"]]])))
        #expect(other.status == .notFound)
        let bad = try await worker.respond(to: WorkerRequest(path: EnginePath.chatCompletions, body: .json(["model": "m", "messages": [["role": "user", "content": "hi"]], "n": 0])))
        #expect(bad.status == .badRequest)
        if case .json(let json) = bad.body { #expect(json["param"] == "n") } else { Issue.record("not JSON") }
        let unsupported = try await worker.respond(to: WorkerRequest(path: EnginePath.embeddings, body: .json(["model": "m", "input": "x"])))
        #expect(unsupported.status == .notFound)
    }
}
