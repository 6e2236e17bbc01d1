import ConformContract
import ConformJSON

/// The text a model generated, read from an answer (or an assembled stream) of any generating
/// row, labelled for failure messages: each chat choice's content, each completion's text, the
/// text blocks of an Anthropic message, the output text of a response.
enum GeneratedText {
    static func texts(of answer: JSON, row: ContractRow) -> [(label: String, text: String)] {
        switch row {
        case .chat:
            return (answer["choices"]?.arrayValue ?? []).map {
                ("choice \($0["index"]?.integerValue ?? 0)'s content", $0["message"]?["content"]?.stringValue ?? "")
            }
        case .completions:
            return (answer["choices"]?.arrayValue ?? []).map {
                ("choice \($0["index"]?.integerValue ?? 0)'s text", $0["text"]?.stringValue ?? "")
            }
        case .messages:
            let text = (answer["content"]?.arrayValue ?? []).filter { $0["type"]?.stringValue == "text" }
                .compactMap { $0["text"]?.stringValue }.joined()
            return [("the message text", text)]
        case .responses:
            var text = ""
            for item in answer["output"]?.arrayValue ?? [] where item["type"]?.stringValue == "message" {
                for part in item["content"]?.arrayValue ?? [] where part["type"]?.stringValue == "output_text" {
                    text += part["text"]?.stringValue ?? ""
                }
            }
            return [("the output text", text)]
        default:
            return []
        }
    }
}
