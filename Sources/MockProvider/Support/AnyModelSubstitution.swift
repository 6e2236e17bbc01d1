import ConformContract
import ConformJSON
import HTTPWire

/// `--any-model`: a request naming a model the mock does not serve is answered by the first model
/// of the kind its path needs, as if it had named that one (the answer names the model that
/// served; the journal and the metrics, the model the request named). For app tests whose code names production models (`gpt-4o`, `claude-sonnet-4-5`).
enum AnyModelSubstitution {
    static func substitute(in request: inout RewrittenRequest, models: [ModelConfiguration]) {
        let known = Set(models.map(\.name))
        guard let kind = ContractRow(path: request.path)?.kind, let standIn = models.first(where: { $0.kinds.contains(kind) }) else {
            return
        }
        if let name = request.json?["model"]?.stringValue, !known.contains(name) {
            ExchangeNotes.current?.noteRequestedModel(name)
            request.json?["model"] = .string(standIn.name)
        }
        if var form = request.form, let name = form.text("model"), !known.contains(name) {
            ExchangeNotes.current?.noteRequestedModel(name)
            for index in form.parts.indices where form.parts[index].name == "model" {
                form.parts[index].data = Array(standIn.name.utf8)
            }
            request.form = form
        }
    }
}
