import ConformJSON
import Testing
import UpstreamWorkers

@Suite("Engine URLs")
struct UpstreamURLTests {
    @Test("A root URL keeps scheme, host, port and prefix, and takes engine paths and queries")
    func accepted() throws {
        #expect(
            try UpstreamURL("http://gpu-host:8000").url(path: "/v1/chat/completions")
                == "http://gpu-host:8000/v1/chat/completions")
        #expect(
            try UpstreamURL("https://GPU.example/engines/qwen/").url(path: "/embed", query: "a=1")
                == "https://gpu.example/engines/qwen/embed?a=1")
        #expect(try UpstreamURL("http://[::1]:9000").root == "http://[::1]:9000")
    }

    @Test(
        "Anything else is refused with the reason",
        arguments: [
            ("gpu-host:8000", "as in http://host:port"), ("ftp://host", "the scheme must be http or https"),
            ("qwen3", "expected http://host:port"), ("http://host:8000/v1", "without /v1"),
            ("http://user:pw@host", "token"), ("http://host/?a=1", "no query"), ("http:///path", "no host"),
        ])
    func refused(_ text: String, _ reason: String) {
        #expect {
            try UpstreamURL(text)
        } throws: { error in
            "\(error)".contains(reason)
        }
    }
}
