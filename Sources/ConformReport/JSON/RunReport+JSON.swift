import ConformContract
import ConformJSON

extension RunReport {
    /// The version of the `report.json` layout. It changes whenever a member is added, renamed or
    /// given a new meaning, so a reader can refuse a layout it does not know instead of misreading it.
    public static let jsonFormatVersion: Int64 = 1

    /// The report as `report.json` stores it: every field of the model, optional fields left out
    /// when absent (so an `expected` of JSON `null` stays distinct from no `expected` at all), plus
    /// `formatVersion` and the derived `totals` for readers that only want the counts.
    public var json: JSON {
        var object: JSONObject = [
            "formatVersion": .integer(Self.jsonFormatVersion),
            "suiteVersion": .string(suiteVersion),
            "fixtureDigest": .string(fixtureDigest),
            "target": target.json,
            "options": options.json,
            "startedAt": .string(startedAt),
            "finishedAt": .string(finishedAt),
            "outcome": outcome.json,
            "totals": ReportTotals(self).json,
        ]
        object["cases"] = .array(cases.map(\.json))
        return .object(object)
    }

    /// `report.json`'s bytes: pretty-printed with sorted keys, so equal reports give equal files
    /// and two runs diff cleanly.
    public var jsonDocument: [UInt8] {
        json.serialized(.pretty) + [UInt8(ascii: "\n")]
    }
}

extension TargetDescription {
    var json: JSON {
        [
            "baseURL": .string(baseURL),
            "embeddedMock": .bool(embeddedMock),
            "deterministic": .bool(deterministic),
            "serverHeaders": .array(serverHeaders.map(\.json)),
            "models": .object(JSONObject(models.map { ($0.key, JSON.string($0.value)) })),
            "routes": .object(JSONObject(routes.map { ($0.key, JSON.string($0.value)) })),
        ]
    }
}

extension RunOptionsRecord {
    var json: JSON {
        var object: JSONObject = [
            "level": .string(level.rawValue),
            "failOn": .string(failOn),
            "only": .array(only.map(JSON.string)),
            "concurrency": .integer(Int64(concurrency)),
            "timeoutSeconds": .number(timeoutSeconds),
        ]
        object["baseline"] = baseline.map(JSON.string)
        return .object(object)
    }
}

extension RunOutcome {
    var json: JSON {
        var object: JSONObject = ["status": .string(status.rawValue), "exitCode": .integer(Int64(exitCode))]
        object["message"] = message.map(JSON.string)
        return .object(object)
    }
}

extension ReportHeader {
    var json: JSON { ["name": .string(name), "value": .string(value)] }
}

extension CaseReport {
    var json: JSON {
        var object: JSONObject = [
            "id": .string(id),
            "endpoint": .string(endpoint),
            "api": .string(api),
            "summary": .string(summary),
            "level": .string(level.rawValue),
            "source": .string(source),
            "fixture": .string(fixture),
            "verdict": .string(verdict.rawValue),
            "baselined": .bool(baselined),
            "checks": .array(checks.map(\.json)),
            "durationMilliseconds": .number(durationMilliseconds),
        ]
        object["reason"] = reason.map(JSON.string)
        object["exchange"] = exchange?.json
        object["reproduction"] = reproduction.map(JSON.string)
        return .object(object)
    }
}

extension CheckReport {
    var json: JSON {
        var object: JSONObject = [
            "name": .string(name),
            "level": .string(level.rawValue),
            "verdict": .string(verdict.rawValue),
            "baselined": .bool(baselined),
        ]
        object["message"] = message.map(JSON.string)
        object["expected"] = expected
        object["actual"] = actual
        object["baselineReason"] = baselineReason.map(JSON.string)
        return .object(object)
    }
}

extension ExchangeRecord {
    var json: JSON {
        var object: JSONObject = [
            "method": .string(method),
            "url": .string(url),
            "requestHeaders": .array(requestHeaders.map(\.json)),
            "responseHeaders": .array(responseHeaders.map(\.json)),
            "responseBodyTruncated": .bool(responseBodyTruncated),
        ]
        object["requestBody"] = requestBody.map(JSON.string)
        object["status"] = status.map { .integer(Int64($0)) }
        object["responseBody"] = responseBody.map(JSON.string)
        object["eventCount"] = eventCount.map { .integer(Int64($0)) }
        object["connectMilliseconds"] = connectMilliseconds.map(JSON.number)
        object["firstByteMilliseconds"] = firstByteMilliseconds.map(JSON.number)
        object["totalMilliseconds"] = totalMilliseconds.map(JSON.number)
        object["transportError"] = transportError.map(JSON.string)
        return .object(object)
    }
}
