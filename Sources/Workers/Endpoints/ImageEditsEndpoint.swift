import ConformDigest
import ConformJSON
import HTTPTypes
import HTTPWire

/// `POST /v1/images/edits`: multipart with one or more `image` (or `image[]`) files, an optional
/// `mask`, a `prompt` and the generation options; every upload must be a real picture. The
/// result's size defaults to the first image's.
struct ImageEditsEndpoint {
    let worker: DeterministicWorker

    func respond(to form: MultipartForm, headers: HTTPFields) throws(InvalidRequest) -> WorkerResponse {
        var object = JSONObject()
        for part in form.parts where part.filename == nil {
            guard let text = part.text else { throw .invalidValue(part.name, "the form field is not valid UTF-8 text.") }
            object[part.name] = Self.formValue(name: part.name, text: text)
        }
        let fields = try RequestFields(.object(object))
        _ = try worker.checkModel(fields)
        let prompt = try fields.requiredString("prompt")
        guard !prompt.isEmpty else { throw .invalidValue("prompt", "the prompt must not be empty.") }
        let images = form.parts(named: "image") + form.parts(named: "image[]")
        guard !images.isEmpty else { throw .missing("image") }
        guard images.count <= 16 else { throw .invalidValue("image", "at most 16 images are allowed.") }
        var digests: [String] = []
        var firstProbe: ImageProbe?
        for image in images {
            guard let probe = ImageProbe(image.data) else {
                throw .invalidValue(image.name, "the uploaded file\(image.filename.map { " '\($0)'" } ?? "") is not a PNG, JPEG, GIF or WebP image.")
            }
            if firstProbe == nil { firstProbe = probe }
            digests.append(SHA256.hexDigest(image.data))
        }
        if let mask = form.part(named: "mask") {
            guard let probe = ImageProbe(mask.data), probe.format == .png else {
                throw .invalidValue("mask", "the mask must be a PNG image.")
            }
            digests.append("mask:" + SHA256.hexDigest(mask.data))
        }
        var fallbackSize = ImageGenerationsEndpoint.defaultSize
        if let width = firstProbe?.width, let height = firstProbe?.height,
            width <= ImageRenderer.maximumSide, height <= ImageRenderer.maximumSide
        {
            fallbackSize = "\(width)x\(height)"
        }
        let options = try ImageOptions(fields: fields, fallbackSize: fallbackSize, limits: worker.settings.limits)
        var described = object
        described["response_format"] = nil
        let derivation = worker.derivation("images.edits", parts: [JSON.object(described).serializedString(.canonical)] + digests)
        return ImageGenerationsEndpoint(worker: worker).render(options, derivation: derivation, headers: headers)
    }

    /// Form fields arrive as text; numeric options are read as numbers, as OpenAI's server does.
    static func formValue(name: String, text: String) -> JSON {
        if name == "n", let number = Int64(text) { return .integer(number) }
        return .string(text)
    }
}
